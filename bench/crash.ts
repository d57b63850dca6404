// `npm run bench:crash`: the production server (node server.js, embedded PostgreSQL) is killed
// with SIGKILL at a random moment while two writers type 10 edits/s each and a reader follows.
// After a restart on the same port it counts what the reader had seen but PostgreSQL lost (must
// be 0), lines present twice (must be 0), and how long everyone takes to agree again.
// Prints figures; asserts nothing.  BENCH_ROUNDS=5 by default.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { openCanvasConnection, roomTokenResponseSchema, type CanvasConnection } from '../src/lib/canvas/connection';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startApp(dataDir: string, port: number): Promise<{ child: ChildProcess; baseUrl: string }> {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EMBEDDED_POSTGRES_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /draait op (http:\/\/\S+)/.exec(out);
			if (match?.[1]) resolve({ child, baseUrl: match[1].replace('localhost', '127.0.0.1') });
		});
	});
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await sleep(5);
	}
	return true;
}

const parent = mkdtempSync(path.join(tmpdir(), 'ontwerpsessies-bench-crash-'));
chmodSync(parent, 0o755);
const dataDir = path.join(parent, 'postgres');
let app = await startApp(dataDir, 0);
const port = Number(new URL(app.baseUrl).port);
const page = await fetch(new URL('/programma/ontwerpsessies-2019/thema/1', app.baseUrl));
const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
const canvasId = /data-canvas-id="([0-9a-f-]{36})"/.exec(await page.text())![1]!;
const connect = () =>
	openCanvasConnection({
		canvasId,
		socketOrigin: `ws://127.0.0.1:${port}`,
		WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
		fetchToken: async () => {
			const response = await fetch(`http://127.0.0.1:${port}/api/canvas/${canvasId}/token`, {
				method: 'POST',
				headers: { origin: `http://127.0.0.1:${port}`, cookie }
			});
			if (!response.ok) throw new Error(`token ${response.status}`);
			return roomTokenResponseSchema.parse(await response.json());
		}
	});

console.log(`Crash: 2 writers at 10 edits/s, SIGKILL at a random moment, restart; ${ROUNDS} rounds`);
const clients: CanvasConnection[] = [];
try {
	for (let round = 1; round <= ROUNDS; round++) {
		const writers = [await connect(), await connect()];
		const reader = await connect();
		clients.push(...writers, reader);
		await Promise.all([...writers, reader].map((client) => client.synced));
		const list = (client: CanvasConnection) => client.doc.getArray<string>(`ronde-${round}`);
		let written = 0;
		const typing = writers.map((writer, index) =>
			setInterval(() => list(writer).push([`schrijver ${index + 1}, regel ${++written}`]), 100)
		);
		await sleep(1_000 + Math.random() * 2_000);
		app.child.kill('SIGKILL');
		await new Promise((resolve) => app.child.once('exit', resolve));
		const seen = list(reader).toArray();
		typing.forEach(clearInterval);

		const restarted = performance.now();
		app = await startApp(dataDir, port);
		const fresh = await connect();
		clients.push(fresh);
		await fresh.synced;
		const stored = new Set(list(fresh).toArray());
		const lost = seen.filter((line) => !stored.has(line)).length;
		const agreed = await waitUntil(
			() => [...writers, reader, fresh].every((client) => list(client).length === written),
			30_000
		);
		const resyncMs = performance.now() - restarted;
		const lines = list(fresh).toArray();
		const duplicates = lines.length - new Set(lines).size;
		console.log(
			`  round ${round}: reader had seen ${seen.length} of ${written} lines; lost after restart ${lost}; ` +
				`duplicates ${duplicates}; ${agreed ? `everyone agrees after ${resyncMs.toFixed(0)} ms (restart included)` : 'NO agreement within 30 s'}`
		);
		for (const client of [...writers, reader, fresh]) client.destroy();
	}
} finally {
	for (const client of clients) client.destroy();
	app.child.kill('SIGTERM');
	await new Promise((resolve) => app.child.once('exit', resolve));
	rmSync(parent, { recursive: true, force: true });
}
process.exit(0);
