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
		// SvelteKit's own cross-site check answers in English; src/lib/server/http/same-origin.ts
		// does the same check in the handle hook, in Dutch.
		csrf: { trustedOrigins: ['*'] },
		// Nothing loads from another origin: fonts, styles and scripts are bundled and self-hosted.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
