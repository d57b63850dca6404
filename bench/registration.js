// `npm run bench:registration`: a burst of simultaneous sign-ups through the real HTTP form
// (CSRF token, zod, the event lock, outbox and audit rows) against the built app on a fresh
// embedded PostgreSQL. Prints throughput and latency; asserts nothing.
//   BENCH_SIGNUPS=200 (sign-ups in the burst)   BENCH_ROUNDS=3 (bursts, each on a fresh event capacity)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FORM = '/programma/ontwerpsessies-2019/aanmelden';
const SESSIONS = ['00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000000202'];

function startApp(dataDir) {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			EMBEDDED_POSTGRES_DIR: dataDir,
			LOG_LEVEL: 'warn',
			DATABASE_URL: '',
			SMTP_URL: '',
			SIGN_UP_RATE_LIMIT: '100000'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /draait op (http:\/\/\S+)/.exec(out);
			if (match) resolve({ child, baseUrl: match[1].replace('localhost', '127.0.0.1') });
		});
	});
}

/** What a browser holds after opening the form: its visitor cookie and the form's CSRF token. */
async function openForm(baseUrl) {
	const response = await fetch(baseUrl + FORM);
	const html = await response.text();
	const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
	const cookie = (response.headers.getSetCookie?.() ?? []).map((line) => line.split(';')[0]).join('; ');
	if (!token || !cookie) throw new Error('no CSRF token or cookie on the sign-up form');
	return { token, cookie };
}

function formFor(round, index, token) {
	const form = new URLSearchParams({
		csrf: token,
		aantal: '1',
		'organisatie-soort': 'lijst',
		organisatie: index % 3 === 0 ? 'Gemeente Utrecht' : index % 3 === 1 ? 'Gemeente Rotterdam' : 'Provincie Utrecht',
		innovatieregeling: 'ja',
		'deelnemer-0-naam': `Bench Deelnemer ${round}-${index}`,
		'deelnemer-0-email': `bench.${round}.${index}@gemeente.example`,
		'deelnemer-0-functie': 'Beleidsadviseur',
		'factuur-naam': 'Gemeente Utrecht',
		'factuur-adres': 'Postbus 16200',
		'factuur-postcode': '3500 CE',
		'factuur-plaats': 'Utrecht',
		'factuur-email': 'facturen@gemeente.example',
		privacy: 'ja'
	});
	for (const id of SESSIONS) form.append('deelnemer-0-sessie', id);
	return form;
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'os-bench-registration-'));
const { child, baseUrl } = await startApp(dataDir);
try {
	console.log(`Sign-up burst: ${SIGNUPS} simultaneous sign-ups through the HTTP form, ${ROUNDS} rounds (2 cores)`);
	for (let round = 1; round <= ROUNDS; round++) {
		const visitors = await Promise.all(Array.from({ length: SIGNUPS }, () => openForm(baseUrl)));
		const times = [];
		const statuses = new Map();
		const started = performance.now();
		await Promise.all(
			visitors.map(async ({ token, cookie }, index) => {
				const t = performance.now();
				const response = await fetch(`${baseUrl}${FORM}?/aanmelden`, {
					method: 'POST',
					redirect: 'manual',
					headers: { cookie, origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: formFor(round, index, token)
				});
				await response.arrayBuffer();
				times.push(performance.now() - t);
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
			})
		);
		const wall = performance.now() - started;
		times.sort((a, b) => a - b);
		const answered = [...statuses].map(([status, count]) => `${count}× ${status}`).join(', ');
		console.log(
			`  round ${round}: ${(SIGNUPS / (wall / 1000)).toFixed(0)} sign-ups/s, ` +
				`p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, ` +
				`max ${times.at(-1).toFixed(0)} ms (${answered})`
		);
	}
	// For comparison: one sign-up at a time, nobody waiting for the event lock.
	const single = [];
	for (let index = 0; index < 50; index++) {
		const { token, cookie } = await openForm(baseUrl);
		const t = performance.now();
		const response = await fetch(`${baseUrl}${FORM}?/aanmelden`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: formFor('single', index, token)
		});
		await response.arrayBuffer();
		single.push(performance.now() - t);
	}
	single.sort((a, b) => a - b);
	console.log(`  one at a time (50): p50 ${percentile(single, 50).toFixed(1)} ms, p95 ${percentile(single, 95).toFixed(1)} ms`);
	const page = await (await fetch(baseUrl + FORM)).text();
	console.log(`  afterwards the form says: ${/Nog \d+ plaats(en)? vrij van de \d+|Alle plaatsen zijn bezet/.exec(page)?.[0] ?? '?'}`);
} finally {
	child.removeAllListeners('exit');
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
	rmSync(dataDir, { recursive: true, force: true });
}
