// `npm run bench:live`: how fast a facilitator's command reaches a full room. Prints figures;
// asserts nothing.
//   BENCH_PARTICIPANTS participants (walk-ins) hold a real websocket to the session channel;
//   the facilitator extends the timer BENCH_ROUNDS times; for each command we measure the time
//   until every participant has the new state (command in PostgreSQL, view read, sent, parsed).
//
//   BENCH_PARTICIPANTS=30 BENCH_ROUNDS=20 npm run bench:live
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { serverMessageSchema } from '../src/lib/live/session-view';
import { connect } from '../src/lib/server/db/database';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres';
import { applySupabaseCompat, migrate, seedOnce } from '../src/lib/server/db/migrations';
import { UpgradeRoutes } from '../src/lib/server/http/upgrade-routes';
import { LiveSessions } from '../src/lib/server/live/live-sessions';
import { joinAsWalkIn } from '../src/lib/server/live/participants';
import { createSessionChannel, SESSION_SOCKET_PREFIX } from '../src/lib/server/live/session-channel';
import { CanvasRooms } from '../src/lib/server/realtime/canvas-rooms';
import { defaultLimits } from '../src/lib/server/realtime/limits';
import { prepareCanvasDocument } from '../src/lib/server/realtime/prepare-canvas';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SESSION = '00000000-0000-4000-8000-000000000201';
const log = pino({ level: 'warn' });

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
	return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-live-'));
const embedded = await startEmbeddedPostgres(dir, log);
const sql = connect(embedded.url, { max: 8 });
try {
	await applySupabaseCompat(sql);
	await migrate(sql, log);
	await seedOnce(sql, log);
	const rooms = new CanvasRooms({ sql, log, limits: defaultLimits, prepare: prepareCanvasDocument, stillAllowed: async () => true });
	const live = new LiveSessions(sql, rooms, log);
	const channel = createSessionChannel({ sql, live, log });
	const routes = new UpgradeRoutes();
	routes.add(SESSION_SOCKET_PREFIX, channel.handleUpgrade);
	const server = createServer((_, response) => response.writeHead(404).end());
	server.on('upgrade', (request, socket, head) => routes.dispatchOrReject(request, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;

	await live.command(SESSION, { opdracht: 'start' });
	const versions: number[] = new Array(PARTICIPANTS).fill(-1);
	const sockets: WebSocket[] = [];
	const joinStart = performance.now();
	for (let index = 0; index < PARTICIPANTS; index++) {
		const { deviceToken } = await joinAsWalkIn(sql, SESSION, { naam: `Deelnemer ${index + 1}`, organisatie: `Gemeente ${index % 7}` });
		const ws = new WebSocket(`ws://127.0.0.1:${port}${SESSION_SOCKET_PREFIX}${SESSION}`, {
			headers: { cookie: `os_deelnemer=${deviceToken}`, origin: `http://127.0.0.1:${port}` }
		});
		ws.on('message', (data) => {
			const message = serverMessageSchema.parse(JSON.parse(String(data)));
			if (message.type === 'state') versions[index] = Math.max(versions[index]!, message.view.version);
		});
		await new Promise((resolve) => ws.once('open', resolve));
		sockets.push(ws);
	}
	const everyone = async (version: number) => {
		while (versions.some((seen) => seen < version)) await new Promise((resolve) => setImmediate(resolve));
	};
	const [{ version: first }] = await sql<[{ version: string }]>`select version from public.live_sessions where session_id = ${SESSION}`;
	await everyone(Number(first));
	console.log(`${PARTICIPANTS} participants joined and connected in ${(performance.now() - joinStart).toFixed(0)} ms`);

	const reach: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const start = performance.now();
		await live.command(SESSION, { opdracht: 'verleng', minuten: 1 });
		const [{ version }] = await sql<[{ version: string }]>`select version from public.live_sessions where session_id = ${SESSION}`;
		await everyone(Number(version));
		reach.push(performance.now() - start);
	}
	console.log(`command → all ${PARTICIPANTS} screens have the new state: ${summary(reach)} (${ROUNDS} rounds)`);

	const reads: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const start = performance.now();
		await live.read(SESSION, null);
		reads.push(performance.now() - start);
	}
	console.log(`reading the whole session view once: ${summary(reads)}`);

	for (const ws of sockets) ws.close();
	channel.close();
	live.close();
	await rooms.close();
	await new Promise<void>((resolve) => server.close(() => resolve()));
} finally {
	await sql.end({ timeout: 5 });
	await embedded.stop();
	rmSync(dir, { recursive: true, force: true });
	rmSync(`${dir}.credentials.json`, { force: true });
}
