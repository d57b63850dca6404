// Runs a TypeScript module of this project in Node the way the app's own build sees it: through
// Vite's SSR module loader, so `?raw` imports, import.meta.glob and the $lib alias work.
//   node bench/vite-run.js bench/realtime.ts
import path from 'node:path';
import { createServer } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const server = await createServer({
	configFile: false,
	root,
	logLevel: 'error',
	appType: 'custom',
	resolve: { alias: { $lib: path.join(root, 'src/lib') } },
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	optimizeDeps: { noDiscovery: true, include: [] }
});
try {
	await server.ssrLoadModule(path.resolve(root, process.argv[2]));
} finally {
	await server.close();
}
