import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MAX_IMAGE_BYTES, assetUploadResponseSchema } from '../../src/lib/canvas/asset-rules';
import { openCanvasConnection, roomTokenResponseSchema, type CanvasConnection } from '../../src/lib/canvas/connection';
import { SCRIPTED_SVG, TINY_PNG, imageOfType } from '../../src/lib/canvas/test-images';
import { startApp } from './support/app-process';

/**
 * The production entry as a newcomer runs it: `node server.js` on a built app, with no
 * DATABASE_URL, so it starts its own PostgreSQL. Needs `npm run build` first (npm test does it).
 */
const root = path.resolve(import.meta.dirname, '../..');

function runToExit(env: Record<string, string>) {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
		child.once('exit', (code) => resolve({ code, stdout, stderr }))
	);
}

async function waitUntil(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A raw websocket handshake, to see what the server answers before any upgrade. */
function upgradeStatus(baseUrl: string, pathname: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(new URL(pathname, baseUrl), {
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ=='
			}
		});
		req.on('response', (response) => {
			response.resume();
			resolve(response.statusCode ?? 0);
		});
		req.on('upgrade', () => resolve(101));
		req.on('error', reject);
		req.end();
	});
}

describe('the production server with its embedded PostgreSQL', () => {
	let dataParent: string;
	let dataDir: string;

	beforeAll(async () => {
		if (!existsSync(path.join(root, 'build/handler.js'))) {
			throw new Error('build/handler.js ontbreekt: draai eerst `npm run build` (npm test doet dat zelf).');
		}
		dataParent = await mkdtemp(path.join(tmpdir(), 'ontwerpsessies-server-'));
		await chmod(dataParent, 0o755);
		dataDir = path.join(dataParent, 'postgres');
	});
	afterAll(async () => {
		await rm(dataParent, { recursive: true, force: true });
	});

	it('creates, migrates and seeds its database on the first start and serves the programme', async () => {
		const app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir, LOG_LEVEL: 'debug' });
		try {
			expect(app.output()).toContain('creating the embedded PostgreSQL cluster');
			expect(app.output()).toContain('migration applied');
			expect(app.output()).toContain('demo data seeded');

			const home = await fetch(app.baseUrl);
			expect(home.status).toBe(200);
			expect(home.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
			const html = await home.text();
			expect(html).toContain('Community of practice: ontwerpsessies 2019');
			expect(html).toContain('<html lang="nl"');

			const health = await fetch(new URL('/healthz', app.baseUrl));
			expect(health.status).toBe(200);
			expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });

			const missing = await fetch(new URL('/bestaat-niet', app.baseUrl));
			expect(missing.status).toBe(404);
			expect(await missing.text()).toContain('Pagina niet gevonden');

			const badSlug = await fetch(new URL('/programma/Geen%20Geldige%20Naam', app.baseUrl));
			expect(badSlug.status).toBe(404);
			expect(await badSlug.text()).toContain('Dit programma bestaat niet');

			// An upgrade to a path no endpoint serves gets a plain 404, no hang.
			expect(await upgradeStatus(app.baseUrl, '/ws/onbekend')).toBe(404);
		} finally {
			app.child.kill('SIGTERM');
		}
		const { code, signal } = await app.exited;
		expect(signal).toBeNull();
		expect([0, 143]).toContain(code);
		// PostgreSQL removes its pid file only after a clean shutdown.
		expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
	});

	it('reuses the data on a second start, after a clean shutdown', async () => {
		const app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir, LOG_LEVEL: 'debug' });
		try {
			expect(app.output()).not.toContain('creating the embedded PostgreSQL cluster');
			expect(app.output()).not.toContain('migration applied');
			expect(app.output()).not.toContain('demo data seeded');
			// PostgreSQL's own start-up line: it was shut down, not interrupted (no crash recovery).
			expect(app.output()).toMatch(/database system was shut down at/);
			expect(app.output()).not.toMatch(/not properly shut down|automatic recovery/);
			expect((await fetch(app.baseUrl)).status).toBe(200);
		} finally {
			app.child.kill('SIGINT');
		}
		const { code } = await app.exited;
		expect([0, 130]).toContain(code);
		expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
	});

	it('stores an image dropped on a canvas and serves it only as an image', async () => {
		const app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir });
		try {
			const page = await fetch(new URL('/programma/ontwerpsessies-2019/thema/2', app.baseUrl));
			const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
			const canvasId = /data-canvas-id="([0-9a-f-]{36})"/.exec(await page.text())?.[1];
			const otherPage = await fetch(new URL('/programma/ontwerpsessies-2019/thema/1', app.baseUrl));
			const otherCanvasId = /data-canvas-id="([0-9a-f-]{36})"/.exec(await otherPage.text())?.[1];
			expect(canvasId).toBeDefined();
			expect(otherCanvasId).toBeDefined();

			const origin = new URL(app.baseUrl).origin;
			const upload = (body: Uint8Array<ArrayBuffer>, type: string, headers: Record<string, string> = { origin }) =>
				fetch(new URL(`/api/canvas/${canvasId}/afbeeldingen`, app.baseUrl), {
					method: 'POST',
					headers: { cookie, 'content-type': type, accept: 'application/json', ...headers },
					body
				});

			// Larger than adapter-node's default body limit (512 KiB), which server.js raises.
			const photo = imageOfType('image/png', 1024 * 1024);
			const stored = await upload(photo, 'image/png');
			expect(stored.status).toBe(201);
			const { src } = assetUploadResponseSchema.parse(await stored.json());
			expect(src).toMatch(new RegExp(`^/api/canvas/${canvasId}/afbeeldingen/[0-9a-f-]{36}$`));

			const served = await fetch(new URL(src, app.baseUrl), { headers: { cookie } });
			expect(served.status).toBe(200);
			expect(Object.fromEntries(served.headers)).toMatchObject({
				'content-type': 'image/png',
				'content-length': String(photo.byteLength),
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'content-disposition': 'inline',
				'cache-control': 'private, max-age=31536000, immutable'
			});
			expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(photo))).toBe(true);

			const elsewhere = await fetch(new URL(src.replace(canvasId!, otherCanvasId!), app.baseUrl), {
				headers: { cookie, accept: 'application/json' }
			});
			expect(elsewhere.status).toBe(404);
			expect(await elsewhere.json()).toEqual({ message: 'Deze afbeelding bestaat niet.' });

			const refusals = [
				[await upload(SCRIPTED_SVG, 'image/svg+xml'), 415, 'Alleen afbeeldingen in PNG, JPEG, GIF of WebP kunnen op het canvas.'],
				[await upload(TINY_PNG, 'image/jpeg'), 415, 'Dit bestand is een ander soort afbeelding dan de naam zegt. Sla het opnieuw op en probeer het nog eens.'],
				[await upload(imageOfType('image/png', MAX_IMAGE_BYTES + 1), 'image/png'), 413, 'Deze afbeelding is groter dan 10 MB.'],
				[await upload(TINY_PNG, 'image/png', { origin: 'https://elders.example' }), 403, 'Dit verzoek komt niet van deze website.']
			] as const;
			for (const [response, status, message] of refusals) {
				expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { message } });
			}
		} finally {
			app.child.kill('SIGTERM');
		}
		await app.exited;
	});

	it('answers in Dutch without a stack trace when the database goes away', async () => {
		const app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir });
		try {
			const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
			// SIGQUIT: PostgreSQL's immediate shutdown, as close to a crash as a test should get.
			process.kill(pid, 'SIGQUIT');
			await new Promise((resolve) => setTimeout(resolve, 500));

			const health = await fetch(new URL('/healthz', app.baseUrl));
			expect(health.status).toBe(503);
			expect(await health.json()).toEqual({ status: 'unavailable', database: { status: 'unavailable' } });

			const page = await fetch(app.baseUrl);
			expect(page.status).toBe(500);
			const html = await page.text();
			expect(html).toContain('Er ging aan onze kant iets mis');
			expect(html).not.toMatch(/\bat .+\.js:\d+/);
			expect(html).not.toContain('ECONNREFUSED');
		} finally {
			app.child.kill('SIGTERM');
		}
		const { signal } = await app.exited;
		expect(signal).toBeNull();
	});

	it('loses no edit a peer has seen when the server is killed mid-session (SIGKILL)', async () => {
		let app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir });
		const page = await fetch(new URL('/programma/ontwerpsessies-2019/thema/2', app.baseUrl));
		expect(page.status).toBe(200);
		const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
		const canvasId = /data-canvas-id="([0-9a-f-]{36})"/.exec(await page.text())?.[1];
		expect(canvasId).toBeDefined();

		// Tokens come from the app, as for a browser: same origin, with the visitor cookie.
		const connect = (baseUrl: string) =>
			openCanvasConnection({
				canvasId: canvasId!,
				socketOrigin: baseUrl.replace('http:', 'ws:'),
				WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
				fetchToken: async () => {
					const response = await fetch(new URL(`/api/canvas/${canvasId}/token`, app.baseUrl), {
						method: 'POST',
						headers: { origin: new URL(app.baseUrl).origin, cookie }
					});
					if (!response.ok) throw new Error(`token ${response.status}`);
					return roomTokenResponseSchema.parse(await response.json());
				}
			});
		const writer = await connect(app.baseUrl);
		const reader = await connect(app.baseUrl);
		await Promise.all([writer.synced, reader.synced]);
		const received = () => reader.doc.getArray<string>('crash-test').toArray();

		// The writer keeps typing; the server is killed while edits are in flight.
		let written = 0;
		const typing = setInterval(() => writer.doc.getArray<string>('crash-test').push([`regel ${++written}`]), 5);
		await waitUntil(() => received().length >= 40, 'the reader has seen 40 lines');
		app.child.kill('SIGKILL');
		await app.exited;
		clearInterval(typing);
		const seenByReader = received();

		// Same port: the old clients' providers reconnect to the address they know.
		app = await startApp({ EMBEDDED_POSTGRES_DIR: dataDir, PORT: new URL(app.baseUrl).port });
		let fresh: CanvasConnection | undefined;
		try {
			fresh = await connect(app.baseUrl);
			await fresh.synced;
			// Everything the reader saw was stored before it was sent: it is all there.
			const stored = fresh.doc.getArray<string>('crash-test').toArray();
			expect(stored.slice(0, seenByReader.length)).toEqual(seenByReader);

			// The old clients reconnect by themselves (with new tokens) and hand in what the server
			// never stored. After that all three agree, and no line appears twice.
			await waitUntil(
				() =>
					fresh!.doc.getArray('crash-test').length === written &&
					reader.doc.getArray('crash-test').length === written,
				'everyone has every line'
			);
			const lines = fresh.doc.getArray<string>('crash-test').toArray();
			expect(new Set(lines).size).toBe(lines.length);
			expect(lines).toEqual(writer.doc.getArray<string>('crash-test').toArray());
			expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(writer.doc));
		} finally {
			fresh?.destroy();
			writer.destroy();
			reader.destroy();
			app.child.kill('SIGTERM');
			await app.exited;
		}
	});

	it('stops with one clear line when the configuration is wrong', async () => {
		const { code, stdout, stderr } = await runToExit({ DATABASE_URL: 'mysql://root@localhost/app', PORT: 'abc' });
		expect(code).toBe(1);
		const lines = stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^Ontwerpsessies start niet: Ongeldige configuratie: /);
		expect(lines[0]).toContain('PORT moet een getal zijn');
		expect(lines[0]).toContain('DATABASE_URL moet een PostgreSQL-URL zijn');
		expect(stdout).toBe('');
	});
});
