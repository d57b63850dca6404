// The production entry: SvelteKit's adapter-node handler and the app's websocket endpoints on one
// Node process and one port. Build first (`npm run build`); `npm start` does both.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';

if (existsSync('.env')) process.loadEnvFile('.env');

// adapter-node takes the request's origin from ORIGIN, or from the Host header plus a protocol
// header, and assumes https without one. This server speaks plain HTTP: unless the operator set
// ORIGIN or a proxy's PROTOCOL_HEADER, say so on every request (overwriting whatever a client
// sent), so that same-origin form posts and fetches are recognised as such.
const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER ? 'x-ontwerpsessies-protocol' : undefined;
if (ownProtocolHeader) process.env.PROTOCOL_HEADER = ownProtocolHeader;

// adapter-node refuses request bodies over BODY_SIZE_LIMIT (default 512 KiB) before a route sees
// them. Images on a canvas may be 10 MiB (MAX_IMAGE_BYTES in src/lib/canvas/asset-rules.ts), sent
// as the raw body: allow exactly that, unless the operator chose a limit.
process.env.BODY_SIZE_LIMIT ||= String(10 * 1024 * 1024);

/** @param {unknown} error */
function oneLine(error) {
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n')[0];
}

/** @type {import('./src/lib/server/runtime').Runtime} */
let runtime;
/** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void} */
let handler;
try {
	// Importing the handler runs SvelteKit's `init` hook: configuration, database, migrations, seed.
	({ handler } = await import('./build/handler.js'));
	runtime = await /** @type {any} */ (globalThis)[Symbol.for('ontwerpsessies.runtime')];
	if (!runtime) throw new Error('De app is niet gestart: de runtime ontbreekt na het laden van build/handler.js.');
} catch (error) {
	// One clear line for the person starting the app; the details are in the structured log above.
	console.error(`Ontwerpsessies start niet: ${oneLine(error)}`);
	process.exit(1);
}

const { log, config } = runtime;
const server = createServer((request, response) => {
	if (ownProtocolHeader) request.headers[ownProtocolHeader] = 'http';
	handler(request, response, () => {
		response.statusCode = 404;
		response.end('Niet gevonden');
	});
});
server.on('upgrade', (request, socket, head) => runtime.upgrades.dispatchOrReject(request, socket, head));
server.on('error', (error) => {
	console.error(`Ontwerpsessies start niet: ${oneLine(error)}`);
	void runtime.stop().finally(() => process.exit(1));
});

server.listen(config.PORT, config.HOST, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.PORT;
	const shown = config.HOST === '127.0.0.1' || config.HOST === '::1' ? 'localhost' : config.HOST;
	log.info({ host: config.HOST, port }, 'listening');
	console.log(`Ontwerpsessies draait op http://${shown}:${port}`);
	void runtime.demoGuide(process.env.ORIGIN || `http://${shown}:${port}`).then((lines) => {
		for (const line of lines) console.log(line);
	});
});

let shuttingDown = false;
/** Stop taking requests, let running ones finish (at most 5 s), then close the database cleanly. */
function shutdown(/** @type {string} */ signal) {
	if (shuttingDown) return;
	shuttingDown = true;
	log.info({ signal }, 'shutting down');
	server.close();
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), 5_000).unref();
	// Never hang: whatever is still running after 20 s is given up.
	setTimeout(() => {
		log.error('shutdown took longer than 20 s; exiting');
		process.exit(1);
	}, 20_000).unref();
	runtime
		.stop()
		.then(() => log.info('stopped cleanly'))
		.catch((error) => log.error({ err: error }, 'error while stopping'))
		.finally(() => process.exit(0));
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
