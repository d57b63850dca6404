// `npm run bench`: how long the app takes to start (cold: creating, migrating and seeding its
// embedded PostgreSQL; warm: reusing it) and how fast it serves the programme page.
// Prints figures; asserts nothing. Run on a built app (the npm script builds first).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

function startApp(dataDir) {
	const started = performance.now();
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', EMBEDDED_POSTGRES_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /draait op (http:\/\/\S+)/.exec(out);
			if (match) {
				const baseUrl = match[1].replace('localhost', '127.0.0.1');
				const listeningMs = performance.now() - started;
				fetch(baseUrl).then(async (response) => {
					await response.text();
					resolve({ child, baseUrl, listeningMs, firstPageMs: performance.now() - started });
				}, reject);
			}
		});
	});
}

function stop(child) {
	child.removeAllListeners('exit');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	return exited;
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeRequests(url, count) {
	const times = [];
	for (let i = 0; i < count; i++) {
		const t = performance.now();
		const response = await fetch(url);
		await response.arrayBuffer();
		if (!response.ok) throw new Error(`${url}: ${response.status}`);
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
	return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1), mean };
}

const ms = (value) => `${value.toFixed(1)} ms`;
const parent = mkdtempSync(path.join(tmpdir(), 'ontwerpsessies-bench-'));
chmodSync(parent, 0o755);
const dataDir = path.join(parent, 'postgres');
try {
	const cold = await startApp(dataDir);
	console.log(`cold start (initdb + migrations + seed): listening after ${ms(cold.listeningMs)}, first page after ${ms(cold.firstPageMs)}`);
	await stop(cold.child);

	const warm = await startApp(dataDir);
	console.log(`warm start (existing data):              listening after ${ms(warm.listeningMs)}, first page after ${ms(warm.firstPageMs)}`);

	await timeRequests(warm.baseUrl, 20); // warm-up
	const page = await timeRequests(warm.baseUrl, REQUESTS);
	console.log(`programme page, ${REQUESTS} sequential requests: p50 ${ms(page.p50)}, p95 ${ms(page.p95)}, max ${ms(page.max)}, mean ${ms(page.mean)}`);
	const health = await timeRequests(new URL('/healthz', warm.baseUrl), REQUESTS);
	console.log(`/healthz, ${REQUESTS} sequential requests:        p50 ${ms(health.p50)}, p95 ${ms(health.p95)}, max ${ms(health.max)}`);
	await stop(warm.child);
} finally {
	rmSync(parent, { recursive: true, force: true });
}
