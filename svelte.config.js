import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Svelte 5 runes everywhere, also in files that do not use a rune yet.
		runes: true
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] }
	}
};

export default config;
