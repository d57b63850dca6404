// `npm run bench:realtime`: the live-canvas server under load, with headless Yjs clients using
// the real y-websocket provider and editing tldraw-shaped records. Prints figures; asserts
// nothing. Our server (auth, durable commits to PostgreSQL) runs in a child process, and so does
// the reference (@y/websocket-server 0.1.1: in memory, no auth), with the same load in the same run.
//
//   BENCH_SECONDS=60 (scenario 1 duration)  BENCH_CLIENTS=60  npm run bench:realtime
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connect, type Sql } from '../src/lib/server/db/database';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres';
import { applySupabaseCompat, migrate, seedOnce } from '../src/lib/server/db/migrations';
import { CanvasRoom } from '../src/lib/server/realtime/canvas-room';
import { appendUpdates, ensureCanvasForTheme, loadCanvas } from '../src/lib/server/realtime/canvas-store';
import { defaultLimits } from '../src/lib/server/realtime/limits';
import { prepareCanvasDocument } from '../src/lib/server/realtime/prepare-canvas';
import { issueRoomToken } from '../src/lib/server/realtime/room-token';
import { createShapeId, type TLRecord } from '@tldraw/tlschema';
import { noteShape } from '../src/lib/canvas/test-factories';
import { canvasRecords } from '../src/lib/canvas/doc-layout';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 60);
const SECRET = randomUUID() + randomUUID();
const log = pino({ level: 'warn' });
const here = path.dirname(fileURLToPath(import.meta.url));
// Every y-websocket provider in Node listens for the process's exit; sixty of them are expected.
process.setMaxListeners(0);

// ---------------------------------------------------------------------------------------------
// Small statistics

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
	return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN };
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (label: string, values: number[]) => {
	const s = summary(values);
	return `${label}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (n=${s.n})`;
};
const sleep = (time: number) => new Promise((resolve) => setTimeout(resolve, time));

// ---------------------------------------------------------------------------------------------
// Floors: what this machine can do at best, so figures compare across runs

async function loopbackRoundTrip(): Promise<number[]> {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
	await new Promise((resolve) => wss.once('listening', resolve));
	const port = (wss.address() as { port: number }).port;
	const ws = new WebSocket(`ws://127.0.0.1:${port}`);
	await new Promise((resolve) => ws.once('open', resolve));
	const times: number[] = [];
	for (let i = 0; i < 500; i++) {
		const started = performance.now();
		ws.send(new Uint8Array(64));
		await new Promise((resolve) => ws.once('message', resolve));
		times.push(performance.now() - started);
	}
	ws.close();
	wss.close();
	return times;
}

function fsyncWrites(dir: string): number[] {
	const file = openSync(path.join(dir, 'fsync-probe'), 'w');
	const times: number[] = [];
	for (let i = 0; i < 200; i++) {
		const started = performance.now();
		writeSync(file, Buffer.alloc(256, i));
		fsyncSync(file);
		times.push(performance.now() - started);
	}
	closeSync(file);
	return times;
}

async function pgCommits(sql: Sql): Promise<number[]> {
	await sql`create table if not exists bench_probe (id serial primary key, payload bytea)`;
	const times: number[] = [];
	for (let i = 0; i < 200; i++) {
		const started = performance.now();
		await sql`insert into bench_probe (payload) values (${Buffer.alloc(256)})`;
		times.push(performance.now() - started);
	}
	await sql`drop table bench_probe`;
	return times;
}

// ---------------------------------------------------------------------------------------------
// Servers in child processes

interface ServerStats {
	cpuPercent: number;
	rssMb: number;
	peakRssMb: number;
	commits: number[];
	rows: number;
	seconds: number;
}

async function startServer(kind: 'ours' | 'reference', databaseUrl: string) {
	// Ours runs through the same Vite loader as this script; the reference is plain JavaScript.
	const [script, args] =
		kind === 'ours'
			? [path.join(here, 'vite-run.js'), ['bench/realtime-server.ts']]
			: [path.join(here, 'reference-server.js'), []];
	const child: ChildProcess = fork(script, args, {
		env: { ...process.env, DATABASE_URL: databaseUrl, ROOM_TOKEN_SECRET: SECRET },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const port = await new Promise<number>((resolve) =>
		child.on('message', (message: { type: string; port?: number }) => {
			if (message.type === 'listening' && message.port) resolve(message.port);
		})
	);
	const ask = <T>(type: string) =>
		new Promise<T>((resolve) => {
			const onMessage = (message: { type: string }) => {
				if (message.type === type) {
					child.off('message', onMessage);
					resolve(message as T);
				}
			};
			child.on('message', onMessage);
			child.send({ type });
		});
	return {
		socketBase: `ws://127.0.0.1:${port}/ws/canvas`,
		reset: () => ask('reset'),
		stats: () => ask<ServerStats>('stats'),
		stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.send({ type: 'stop' })))
	};
}

// ---------------------------------------------------------------------------------------------
// Clients

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	canvasId: string;
}

async function connectClients(socketBase: string, canvasIds: string[], count: number): Promise<Client[]> {
	return Promise.all(
		Array.from({ length: count }, async (_, index) => {
			const canvasId = canvasIds[index % canvasIds.length]!;
			const { token } = await issueRoomToken(SECRET, { canvasId, role: 'editor', subject: `bench:${index}` });
			const doc = new Y.Doc();
			const provider = new WebsocketProvider(socketBase, canvasId, doc, {
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				params: { token },
				disableBc: true
			});
			await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
			return { doc, provider, canvasId };
		})
	);
}

function disconnect(clients: Client[]) {
	for (const client of clients) client.provider.destroy();
}

/** A note shape as tldraw stores it, with the send time in its meta for latency measurements. */
function noteRecord(id: string, index: number): TLRecord {
	const note = noteShape(`Idee ${index}`, {
		id: createShapeId(id),
		x: (index % 80) * 220,
		y: Math.floor(index / 80) * 220
	});
	return { ...note, meta: { sentAt: performance.now() } };
}

function writeRecord(doc: Y.Doc, record: TLRecord) {
	doc.transact(() => canvasRecords(doc).set(record));
}

/** Every client edits its own notes at `perSecond`; every other member of the room records the delay. */
async function editLoad(clients: Client[], seconds: number, perSecond: number): Promise<number[]> {
	const latencies: number[] = [];
	// Latency from the record's own timestamp, read on every receiving client.
	const seen = clients.map((client) =>
		canvasRecords(client.doc).observe((changedIds, transaction) => {
			if (transaction.origin !== client.provider) return;
			const now = performance.now();
			for (const id of changedIds) {
				const record = canvasRecords(client.doc).get(id) as { meta?: { sentAt?: number } } | undefined;
				if (record?.meta?.sentAt) latencies.push(now - record.meta.sentAt);
			}
		})
	);
	const timers = clients.map((client, index) => {
		let counter = 0;
		const id = `${index}-${randomUUID().slice(0, 8)}`;
		return setInterval(() => writeRecord(client.doc, noteRecord(`${id}-${counter++ % 20}`, index)), 1000 / perSecond);
	});
	await sleep(seconds * 1000);
	timers.forEach(clearInterval);
	await sleep(1_000);
	seen.forEach((stop) => stop());
	return latencies;
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const parent = mkdtempSync(path.join(tmpdir(), 'ontwerpsessies-bench-rt-'));
	chmodSync(parent, 0o755);
	const pg = await startEmbeddedPostgres(path.join(parent, 'postgres'), log);
	const sql = connect(pg.url, { max: 10 });
	try {
		await applySupabaseCompat(sql);
		await migrate(sql, log);
		await seedOnce(sql, log);
		const themes = await sql<{ id: string }[]>`select id from public.themes order by position`;
		const canvasIds = await Promise.all(themes.map((theme) => ensureCanvasForTheme(sql, theme.id)));

		console.log(`Machine floors`);
		console.log(`  ${line('loopback websocket round trip', await loopbackRoundTrip())}`);
		console.log(`  ${line('256-byte write + fsync', fsyncWrites(parent))}`);
		console.log(`  ${line('PostgreSQL insert + commit', await pgCommits(sql))}`);

		// 1. Steady editing: CLIENTS clients over 3 canvases, 2 edits/s each.
		console.log(`\n1. ${CLIENTS} clients over ${canvasIds.length} canvases, 2 edits/s each, ${SECONDS} s`);
		const results: Record<string, { latencies: number[]; stats: ServerStats }> = {};
		for (const kind of ['reference', 'ours'] as const) {
			const server = await startServer(kind, pg.url);
			const clients = await connectClients(server.socketBase, canvasIds, CLIENTS);
			await server.reset();
			const latencies = await editLoad(clients, SECONDS, 2);
			const stats = await server.stats();
			disconnect(clients);
			await server.stop();
			results[kind] = { latencies, stats };
			console.log(`  ${kind === 'ours' ? 'ours (auth, stored)' : 'reference (memory) '} ${line('propagation', latencies)}`);
			console.log(`     server CPU ${stats.cpuPercent.toFixed(1)} %, RSS ${stats.rssMb.toFixed(0)} MB (peak ${stats.peakRssMb.toFixed(0)} MB)`);
			if (kind === 'ours') {
				console.log(`     ${(stats.commits.length / stats.seconds).toFixed(1)} commits/s holding ${(stats.rows / stats.seconds).toFixed(1)} updates/s; ${line('commit', stats.commits)}`);
			}
		}
		const ratio = summary(results.ours!.latencies).p95 / summary(results.reference!.latencies).p95;
		console.log(`  p95 ours / reference: ${ratio.toFixed(2)}× (target ≤ 1.5×)`);

		// 2. Presence storm: everyone moves a cursor at 20 Hz while one client edits.
		for (const count of [20, 60]) {
			const server = await startServer('ours', pg.url);
			const clients = await connectClients(server.socketBase, [canvasIds[0]!], count);
			await server.reset();
			const cursors = clients.map((client, index) =>
				setInterval(
					() => client.provider.awareness.setLocalStateField('cursor', { x: Math.random() * 1000, y: index }),
					50
				)
			);
			const editLatencies: number[] = [];
			const editor = clients[0]!;
			const watchers = clients.slice(1);
			for (let i = 0; i < 30; i++) {
				const id = `storm-${i}`;
				const arrived = Promise.all(
					watchers.map(
						(watcher) =>
							new Promise<void>((resolve) => {
								const check = () => {
									if (canvasRecords(watcher.doc).has(`shape:${id}`)) {
										watcher.doc.off('update', check);
										resolve();
									}
								};
								watcher.doc.on('update', check);
							})
					)
				);
				const started = performance.now();
				writeRecord(editor.doc, noteRecord(id, i));
				await arrived;
				editLatencies.push(performance.now() - started);
				await sleep(100);
			}
			cursors.forEach(clearInterval);
			const stats = await server.stats();
			disconnect(clients);
			await server.stop();
			console.log(`\n2. presence storm, ${count} clients moving cursors at 20 Hz on one canvas`);
			console.log(`  ${line('an edit reaching every other member', editLatencies)}`);
			console.log(`  server CPU ${stats.cpuPercent.toFixed(1)} %, RSS ${stats.rssMb.toFixed(0)} MB`);
		}

		// 3. Cold load of a 5,000-shape canvas built from 50,000 updates, before and after compaction.
		const theme = await sql<{ id: string }[]>`
			insert into public.themes (event_id, position, title)
			values ('00000000-0000-4000-8000-000000002019', 90, 'Benchmark') returning id
		`;
		const bigCanvas = await ensureCanvasForTheme(sql, theme[0]!.id);
		{
			const author = new Y.Doc();
			const context = { sql, log, limits: { ...defaultLimits, compactAfterRows: 1e9, compactAfterBytes: 1e12 }, prepare: prepareCanvasDocument };
			const seed = await CanvasRoom.load(bigCanvas, context);
			Y.applyUpdate(author, Y.encodeStateAsUpdate(seed!.doc));
			await seed!.close();
			const batch: Uint8Array[] = [];
			author.on('update', (update: Uint8Array) => batch.push(update));
			const started = performance.now();
			for (let i = 0; i < 50_000; i++) {
				writeRecord(author, noteRecord(`big-${i % 5_000}`, i % 5_000));
				if (batch.length >= 1_000) await appendUpdates(sql, bigCanvas, batch.splice(0));
			}
			if (batch.length) await appendUpdates(sql, bigCanvas, batch.splice(0));
			console.log(`\n3. a 5,000-shape canvas written as 50,000 updates (${ms(performance.now() - started)} to write)`);

			const stored = await loadCanvas(sql, bigCanvas);
			let t = performance.now();
			const before = await CanvasRoom.load(bigCanvas, context);
			console.log(`  cold load from the log (${stored!.updates.length} rows, ${(stored!.storedBytes / 1048576).toFixed(1)} MB): ${ms(performance.now() - t)}`);
			t = performance.now();
			await before!.close(); // compacts
			console.log(`  compaction into one snapshot: ${ms(performance.now() - t)}`);
			const compacted = await loadCanvas(sql, bigCanvas);
			t = performance.now();
			const after = await CanvasRoom.load(bigCanvas, context);
			console.log(`  cold load from the snapshot (${(compacted!.storedBytes / 1048576).toFixed(1)} MB): ${ms(performance.now() - t)}`);
			await after!.close();
		}

		// 4. Join storm: CLIENTS clients join the 5,000-shape canvas within a second. Raw sockets that
		// ask for the whole document and wait for it, so the figure is the server's, not the cost of
		// decoding 2 MB sixty times in this one benchmark process.
		{
			const server = await startServer('ours', pg.url);
			await server.reset();
			const syncTimes: number[] = [];
			const emptyStateVector = new Uint8Array([0, 0, 1, 0]); // sync, step 1, state vector {}
			await Promise.all(
				Array.from({ length: CLIENTS }, async (_, index) => {
					await sleep(Math.random() * 1_000);
					const { token } = await issueRoomToken(SECRET, { canvasId: bigCanvas, role: 'viewer', subject: `join:${index}` });
					const started = performance.now();
					const ws = new WebSocket(`${server.socketBase}/${bigCanvas}?token=${token}`);
					await new Promise<void>((resolve, reject) => {
						ws.on('open', () => ws.send(emptyStateVector));
						ws.on('message', (data: Buffer) => {
							if (data[0] === 0 && data[1] === 1) {
								syncTimes.push(performance.now() - started);
								ws.close();
								resolve();
							}
						});
						ws.on('error', reject);
					});
				})
			);
			const stats = await server.stats();
			await server.stop();
			console.log(`\n4. join storm: ${CLIENTS} clients join the 5,000-shape canvas within a second`);
			console.log(`  ${line('time until the whole document has arrived', syncTimes)}`);
			console.log(`  server peak RSS ${stats.peakRssMb.toFixed(0)} MB, CPU ${stats.cpuPercent.toFixed(1)} %`);
		}
	} finally {
		await sql.end({ timeout: 5 });
		await pg.stop();
		rmSync(parent, { recursive: true, force: true });
	}
}

await main();
// @tldraw/editor leaves a timer running when imported in Node.
process.exit(0);
