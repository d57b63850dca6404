import { createServer, type Server } from 'node:http';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Sql } from '../../../src/lib/server/db/database';
import { UpgradeRoutes } from '../../../src/lib/server/http/upgrade-routes';
import type { CommitObserver, DocumentPreparer } from '../../../src/lib/server/realtime/canvas-room';
import { CANVAS_SOCKET_PREFIX, createCanvasEndpoint } from '../../../src/lib/server/realtime/canvas-endpoint';
import { CanvasRooms, type AccessCheck } from '../../../src/lib/server/realtime/canvas-rooms';
import { defaultLimits, type RealtimeLimits } from '../../../src/lib/server/realtime/limits';
import { issueRoomToken, type RoomRole } from '../../../src/lib/server/realtime/room-token';
import { silentLog } from './silent-log';

export const TEST_SECRET = 'test-geheim-voor-kamer-tokens-van-32-tekens-of-meer';

/** Marks a new canvas the way the real preparer would: the server writes first, never a client. */
export const markNewCanvas: DocumentPreparer = (doc, isNew) => {
	if (isNew) doc.getMap('meta').set('createdBy', 'server');
};

/** The canvas endpoint on a real HTTP server on a free loopback port, as the app mounts it. */
export async function startRealtimeServer(
	sql: Sql,
	options: {
		limits?: Partial<RealtimeLimits>;
		stillAllowed?: AccessCheck;
		prepare?: DocumentPreparer;
		onCommit?: CommitObserver;
	} = {}
) {
	const limits = { ...defaultLimits, ...options.limits };
	const rooms = new CanvasRooms({
		sql,
		log: silentLog,
		limits,
		prepare: options.prepare ?? markNewCanvas,
		stillAllowed: options.stillAllowed ?? (async () => true),
		onCommit: options.onCommit
	});
	const endpoint = createCanvasEndpoint({ rooms, secret: TEST_SECRET, limits, log: silentLog });
	const routes = new UpgradeRoutes();
	routes.add(CANVAS_SOCKET_PREFIX, endpoint.handleUpgrade);
	const server: Server = createServer((_, response) => response.writeHead(404).end());
	server.on('upgrade', (request, socket, head) => routes.dispatchOrReject(request, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		rooms,
		port,
		socketBase: `ws://127.0.0.1:${port}${CANVAS_SOCKET_PREFIX.slice(0, -1)}`,
		async close() {
			await endpoint.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

export async function tokenFor(canvasId: string, role: RoomRole = 'editor', subject = 'visitor:test') {
	return (await issueRoomToken(TEST_SECRET, { canvasId, role, subject })).token;
}

/**
 * A real y-websocket client (the same provider the browser uses) with its own Y.Doc; `subject`
 * is who the token says it is (`staff:<email>`, `participant:<id>`, …).
 */
export async function connectClient(socketBase: string, canvasId: string, role: RoomRole = 'editor', subject?: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(socketBase, canvasId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token: await tokenFor(canvasId, role, subject) },
		disableBc: true,
		maxBackoffTime: 200
	});
	await waitFor(() => provider.synced, 'client synced');
	return { doc, provider, disconnect: () => provider.destroy() };
}

/** Polls until `condition` holds, or fails with `what` after `ms`. */
export async function waitFor(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A raw websocket to the endpoint, to send what no well-behaved client would. */
export function rawSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		const closed = new Promise<{ code: number; reason: string }>((done) =>
			ws.once('close', (code, reason) => done({ code, reason: reason.toString() }))
		);
		ws.once('open', () => resolve({ ws, closed }));
		ws.once('unexpected-response', (_, response) => reject(new Error(`HTTP ${response.statusCode}`)));
		ws.once('error', reject);
	});
}
