// Child process of bench/realtime.ts: our canvas endpoint (the app's real code) on a loopback
// port, against the PostgreSQL at DATABASE_URL. Reports CPU, memory and commit figures over IPC.
import { createServer } from 'node:http';
import { pino } from 'pino';
import { connect } from '../src/lib/server/db/database';
import { UpgradeRoutes } from '../src/lib/server/http/upgrade-routes';
import { CANVAS_SOCKET_PREFIX, createCanvasEndpoint } from '../src/lib/server/realtime/canvas-endpoint';
import { CanvasRooms } from '../src/lib/server/realtime/canvas-rooms';
import { defaultLimits } from '../src/lib/server/realtime/limits';
import { prepareCanvasDocument } from '../src/lib/server/realtime/prepare-canvas';
import { serveProcessStats } from './process-stats.js';

const sql = connect(process.env.DATABASE_URL!, { max: 10 });
const log = pino({ level: 'warn' });
const commits: number[] = [];
let rows = 0;
const rooms = new CanvasRooms({
	sql,
	log,
	limits: { ...defaultLimits, messagesPerSecond: 10_000, messageBurst: 100_000 },
	prepare: prepareCanvasDocument,
	stillAllowed: async () => true,
	onCommit: (count, ms) => {
		commits.push(ms);
		rows += count;
	}
});
const endpoint = createCanvasEndpoint({ rooms, secret: process.env.ROOM_TOKEN_SECRET!, limits: defaultLimits, log });
const routes = new UpgradeRoutes();
routes.add(CANVAS_SOCKET_PREFIX, endpoint.handleUpgrade);
const server = createServer((_, response) => response.writeHead(404).end());
server.on('upgrade', (request, socket, head) => routes.dispatchOrReject(request, socket, head));
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

serveProcessStats({
	onReset: () => {
		commits.length = 0;
		rows = 0;
	},
	extra: () => ({ commits: [...commits], rows }),
	onStop: async () => {
		await endpoint.close();
		await sql.end({ timeout: 5 });
	}
});
