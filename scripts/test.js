// `npm test`: every test the project has, in one command, on a bare machine too.
//   1. system prerequisites: a Chromium for Playwright and PostgreSQL 15 for the compatibility check
//      (installed with apt-get when missing and we are root on Debian; otherwise we say what to install);
//   2. type check (svelte-check), 3. production build, 4. Vitest (unit + integration against real
//   PostgreSQL 18 and 15), 5. Playwright journeys in real Chromium with axe.
// Ends with one line `Tests: N passed, N failed` over everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, 'tests/.artifacts');
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
const timings = [];

function run(label, command, args, env = {}) {
	console.log(`\n▶ ${label}`);
	const started = Date.now();
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	const seconds = (Date.now() - started) / 1000;
	timings.push(`${label}: ${seconds.toFixed(1)} s`);
	return result.status === 0;
}

function playwrightHasOwnChromium() {
	const probe = spawnSync(
		process.execPath,
		['-e', "const {chromium}=require('playwright-core');process.stdout.write(chromium.executablePath())"],
		{ cwd: root, encoding: 'utf8' }
	);
	return probe.status === 0 && probe.stdout !== '' && existsSync(probe.stdout);
}

function ensureSystemPackages() {
	const missing = [];
	const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(chromium) && !playwrightHasOwnChromium()) missing.push('chromium');
	if (!existsSync('/usr/lib/postgresql/15/bin/postgres')) missing.push('postgresql-15');
	if (missing.length === 0) return true;
	if (!isRoot || !hasApt) {
		console.error(
			`Ontbrekende programma's voor de tests: ${missing.join(', ')}.\n` +
				`Installeer ze (Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}; ` +
				`of Playwright's eigen browser: npx playwright install chromium) en draai npm test opnieuw.`
		);
		return false;
	}
	console.log(`Installeren met apt-get: ${missing.join(', ')}`);
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	return run('apt-get update', 'apt-get', ['update', '-qq'], env) && run(`apt-get install ${missing.join(' ')}`, 'apt-get', ['install', '-y', '-qq', ...missing], env);
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

const bin = (name) => path.join(root, 'node_modules/.bin', name);
let passed = 0;
let failed = 0;
let ok = ensureSystemPackages();
ok = ok && run('svelte-kit sync', bin('svelte-kit'), ['sync']) && run('svelte-check (types)', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings']);
ok = ok && run('build', bin('vite'), ['build', '--logLevel', 'warn']);

if (ok) {
	const vitestJson = path.join(artifacts, 'vitest.json');
	const vitestOk = run('vitest (unit + integration)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
	const vitest = readJson(vitestJson);
	passed += vitest?.numPassedTests ?? 0;
	failed += vitest?.numFailedTests ?? (vitestOk ? 0 : 1);

	const playwrightJson = path.join(artifacts, 'playwright.json');
	const playwrightOk = run('playwright (browser journeys)', bin('playwright'), ['test', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson
	});
	const playwright = readJson(playwrightJson);
	passed += (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
	failed += playwright?.stats?.unexpected ?? (playwrightOk ? 0 : 1);
	ok = vitestOk && playwrightOk;
} else {
	failed += 1;
}

console.log(`\n${timings.join('\n')}`);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
