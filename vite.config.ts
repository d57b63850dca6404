import { sveltekit } from '@sveltejs/kit/vite';
import { existsSync } from 'node:fs';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

// The app reads its configuration from process.env (src/lib/server/config.ts); Vite would only
// put .env into import.meta.env.
if (existsSync('.env') && process.env.NODE_ENV !== 'test' && !process.env.VITEST) process.loadEnvFile('.env');

/**
 * Gives the app's websocket endpoints to the dev server's HTTP server, so development uses one
 * port like production (server.js). Vite's own HMR socket is left alone.
 */
function websocketUpgrades(): Plugin {
	return {
		name: 'ontwerpsessies:websocket-upgrades',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			server.httpServer?.on('upgrade', (request, socket, head) => {
				if (String(request.headers['sec-websocket-protocol'] ?? '').startsWith('vite')) return;
				server
					.ssrLoadModule('/src/lib/server/runtime.ts')
					.then((module) => (module as typeof import('./src/lib/server/runtime')).startRuntime())
					.then((runtime) => runtime.upgrades.dispatchOrReject(request, socket, head))
					.catch((error: unknown) => {
						server.config.logger.error(`websocket upgrade failed: ${String(error)}`);
						socket.destroy();
					});
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), websocketUpgrades()],
	server: { port: 5173, strictPort: false },
	// @tldraw/assets imports its files with `?url`; the dev pre-bundler cannot follow those.
	optimizeDeps: { exclude: ['@tldraw/assets'] },
	build: {
		// tldraw fetch()es its translation files; an inlined data: URL would need `connect-src data:`
		// in the Content-Security-Policy. Served as files instead.
		assetsInlineLimit: (file: string) => (file.endsWith('.json') ? false : undefined),
		// tldraw's modules start with React's "use client": meaningless here, and 45 warnings in CI logs.
		rolldownOptions: { checks: { moduleLevelDirective: false } }
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
