import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { WebSocket } from 'ws';
import { openCanvasConnection } from '../../src/lib/canvas/connection';
import { ensureCanvasForTheme, loadCanvas } from '../../src/lib/server/realtime/canvas-store';
import { issueRoomToken } from '../../src/lib/server/realtime/room-token';
import {
	connectClient,
	rawSocket,
	startRealtimeServer,
	tokenFor,
	waitFor,
	TEST_SECRET
} from './support/realtime-harness';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

const THEME_1 = '00000000-0000-4000-8000-000000000101';
const THEME_2 = '00000000-0000-4000-8000-000000000102';
const THEME_3 = '00000000-0000-4000-8000-000000000103';

let db: TestDatabase;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
});
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => db.drop());

async function server(options: Parameters<typeof startRealtimeServer>[1] = {}) {
	const started = await startRealtimeServer(db.sql, options);
	cleanups.push(() => started.close());
	return started;
}

async function client(socketBase: string, canvasId: string, role: 'editor' | 'viewer' = 'editor') {
	const connected = await connectClient(socketBase, canvasId, role);
	cleanups.push(() => connected.disconnect());
	return connected;
}

/** A fresh canvas: a new theme on the seeded event, so tests do not share documents. */
async function newCanvas(): Promise<string> {
	const [theme] = await db.sql<{ id: string }[]>`
		insert into public.themes (event_id, position, title)
		values ('00000000-0000-4000-8000-000000002019', (select coalesce(max(position), 0) + 1 from public.themes), 'Testthema')
		returning id
	`;
	return ensureCanvasForTheme(db.sql, theme!.id);
}

async function storedRows(canvasId: string): Promise<number> {
	const [row] = await db.sql<[{ count: number }]>`select count(*)::int as count from public.canvas_updates where canvas_id = ${canvasId}`;
	return row.count;
}

describe('live canvas sync over the y-websocket protocol', () => {
	it('creates a new canvas on the server and lets two clients converge', async () => {
		const canvasId = await ensureCanvasForTheme(db.sql, THEME_1);
		const { socketBase } = await server();
		const a = await client(socketBase, canvasId);
		const b = await client(socketBase, canvasId);

		// The server wrote the first content; both clients got it from the server.
		expect(a.doc.getMap('meta').get('createdBy')).toBe('server');
		expect(b.doc.getMap('meta').get('createdBy')).toBe('server');

		a.doc.getMap('records').set('shape:1', { text: 'Laagdrempelig blijven' });
		await waitFor(() => b.doc.getMap('records').has('shape:1'), 'B sees A');
		// Once B has it, it is in PostgreSQL: the server stores before it broadcasts.
		const stored = await loadCanvas(db.sql, canvasId);
		const replay = new Y.Doc();
		for (const update of stored!.updates) Y.applyUpdate(replay, update);
		expect(replay.getMap('records').get('shape:1')).toEqual({ text: 'Laagdrempelig blijven' });

		b.doc.getMap('records').set('shape:1', { text: 'Laagdrempelig blijven', x: 40 });
		await waitFor(() => (a.doc.getMap('records').get('shape:1') as { x?: number }).x === 40, 'A sees B move');
		expect(a.doc.getMap('records').toJSON()).toEqual(b.doc.getMap('records').toJSON());
	});

	it('gives concurrent edits of both clients to both, and to a late joiner', async () => {
		const canvasId = await ensureCanvasForTheme(db.sql, THEME_2);
		const { socketBase } = await server();
		const a = await client(socketBase, canvasId);
		const b = await client(socketBase, canvasId);
		for (let i = 0; i < 20; i++) {
			a.doc.getMap('records').set(`shape:a${i}`, { i });
			b.doc.getMap('records').set(`shape:b${i}`, { i });
		}
		await waitFor(() => a.doc.getMap('records').size === 40 && b.doc.getMap('records').size === 40, 'all 40 on both');
		const late = await client(socketBase, canvasId);
		expect(late.doc.getMap('records').size).toBe(40);
		expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc));
	});

	it('shows presence to the others and removes it when someone leaves', async () => {
		const canvasId = await newCanvas();
		const { socketBase } = await server();
		const a = await client(socketBase, canvasId);
		const b = await client(socketBase, canvasId);
		a.provider.awareness.setLocalStateField('user', { name: 'Anouk', color: '#d9480f' });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Anouk', 'B sees Anouk');
		a.disconnect();
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'Anouk gone for B');
		expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
	});

	it('lets a reconnected person own their presence again, so it disappears when they leave', async () => {
		const canvasId = await newCanvas();
		const { socketBase } = await server();
		const a = await client(socketBase, canvasId);
		const b = await client(socketBase, canvasId);
		a.provider.awareness.setLocalStateField('user', { name: 'Anouk' });
		await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'B sees Anouk');
		a.provider.disconnect();
		a.provider.connect();
		await waitFor(() => a.provider.synced, 'Anouk back');
		a.provider.awareness.setLocalStateField('user', { name: 'Anouk (terug)' });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Anouk (terug)', 'B sees her again');
		a.disconnect();
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 'gone for B when she leaves');
		expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false);
	});

	it('lets people join a busy room whose presence adds up to more than one person may send', async () => {
		const canvasId = await newCanvas();
		const { socketBase } = await server({ limits: { maxAwarenessBytes: 1_000 } });
		const members = [];
		for (let i = 0; i < 12; i++) {
			const member = await client(socketBase, canvasId);
			member.provider.awareness.setLocalStateField('canvas', { name: `Deelnemer ${i}`, selection: Array(12).fill(`shape:${'x'.repeat(40)}`) });
			members.push(member);
		}
		const late = await client(socketBase, canvasId);
		await waitFor(() => late.provider.awareness.getStates().size >= 13, 'the newcomer sees all twelve');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(late.provider.wsconnected).toBe(true);
		expect(members.every((member) => member.provider.wsconnected)).toBe(true);
	});

	it('survives a restart of the server with nothing lost and nothing doubled', async () => {
		const canvasId = await newCanvas();
		const first = await startRealtimeServer(db.sql);
		const a = await connectClient(first.socketBase, canvasId);
		for (let i = 0; i < 25; i++) a.doc.getMap('records').set(`shape:${i}`, { i });
		const room = (await first.rooms.loaded(canvasId))!;
		await waitFor(() => room.doc.getMap('records').size === 25, 'all 25 accepted');
		const before = a.doc.getMap('records').toJSON();
		a.disconnect();
		await first.close();

		const second = await server();
		const b = await client(second.socketBase, canvasId);
		expect(b.doc.getMap('records').toJSON()).toEqual(before);
		expect(b.doc.getMap('records').size).toBe(25);
	});
});

describe('room tokens in the upgrade', () => {
	it('answers 401 or 403 before any document byte', async () => {
		const canvasId = await ensureCanvasForTheme(db.sql, THEME_3);
		const otherCanvas = await newCanvas();
		const { socketBase } = await server();
		await expect(rawSocket(`${socketBase}/${canvasId}`)).rejects.toThrow('HTTP 401');
		await expect(rawSocket(`${socketBase}/${canvasId}?token=geen-token`)).rejects.toThrow('HTTP 401');
		const forged = (await issueRoomToken('een-ander-geheim-dat-lang-genoeg-is-hoor', { canvasId, role: 'editor', subject: 'x' })).token;
		await expect(rawSocket(`${socketBase}/${canvasId}?token=${forged}`)).rejects.toThrow('HTTP 401');
		const expired = (await issueRoomToken(TEST_SECRET, { canvasId, role: 'editor', subject: 'x' }, 1)).token;
		await new Promise((resolve) => setTimeout(resolve, 2_100));
		await expect(rawSocket(`${socketBase}/${canvasId}?token=${expired}`)).rejects.toThrow('HTTP 401');
		await expect(rawSocket(`${socketBase}/${canvasId}?token=${await tokenFor(otherCanvas)}`)).rejects.toThrow('HTTP 403');
		await expect(rawSocket(`${socketBase}/niet-een-uuid?token=x`)).rejects.toThrow('HTTP 404');
	});

	it('closes the socket of a valid token for a canvas that does not exist', async () => {
		const { socketBase } = await server();
		const ghost = randomUUID();
		const { closed } = await rawSocket(`${socketBase}/${ghost}?token=${await tokenFor(ghost)}`);
		expect(await closed).toEqual({ code: 1008, reason: 'Dit canvas bestaat niet.' });
	});

	it('lets a viewer read along but drops what a viewer writes', async () => {
		const canvasId = await newCanvas();
		const { socketBase, rooms } = await server();
		const editor = await client(socketBase, canvasId);
		const viewer = await client(socketBase, canvasId, 'viewer');
		editor.doc.getMap('records').set('shape:editor', { by: 'editor' });
		await waitFor(() => viewer.doc.getMap('records').has('shape:editor'), 'viewer sees the editor');

		const rowsBefore = await storedRows(canvasId);
		viewer.doc.getMap('records').set('shape:viewer', { by: 'viewer' });
		editor.doc.getMap('records').set('shape:marker', { after: 'viewer' });
		await waitFor(() => viewer.doc.getMap('records').has('shape:marker'), 'marker reaches the viewer');
		await (await rooms.loaded(canvasId))!.settle();
		expect(editor.doc.getMap('records').has('shape:viewer')).toBe(false);
		expect(await storedRows(canvasId)).toBe(rowsBefore + 1);
	});

	it('closes connections whose access is withdrawn', async () => {
		const canvasId = await newCanvas();
		let allowed = true;
		const { socketBase, rooms } = await server({ stillAllowed: async () => allowed });
		const { ws, closed } = await rawSocket(`${socketBase}/${canvasId}?token=${await tokenFor(canvasId)}`);
		await waitFor(() => ws.readyState === ws.OPEN, 'open');
		await new Promise((resolve) => setTimeout(resolve, 100));
		await rooms.recheckAccess();
		expect(ws.readyState).toBe(ws.OPEN);
		allowed = false;
		await rooms.recheckAccess();
		expect(await closed).toEqual({ code: 4403, reason: 'Je hebt geen toegang meer tot dit canvas.' });
	});
});

describe('the client connection', () => {
	it('says so and stops reconnecting when access is withdrawn', async () => {
		const canvasId = await newCanvas();
		let allowed = true;
		const { socketBase, rooms } = await server({ stillAllowed: async () => allowed });
		const statuses: string[] = [];
		const connection = await openCanvasConnection({
			canvasId,
			socketOrigin: socketBase.replace('/ws/canvas', ''),
			WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
			fetchToken: async () => ({
				token: await tokenFor(canvasId),
				expiresAt: new Date(Date.now() + 300_000).toISOString(),
				role: 'editor',
				socketPath: '/ws/canvas'
			}),
			onStatus: (status) => statuses.push(status)
		});
		cleanups.push(() => connection.destroy());
		await connection.synced;
		expect(connection.status()).toBe('connected');
		allowed = false;
		await rooms.recheckAccess();
		await waitFor(() => connection.status() === 'denied', 'denied');
		await new Promise((resolve) => setTimeout(resolve, 600));
		expect(connection.status()).toBe('denied');
		expect((await rooms.loaded(canvasId))?.size ?? 0).toBe(0);
		expect(statuses).toEqual(['connected', 'denied']);
	});
});

describe('bad input', () => {
	it('closes a connection that sends garbage, and keeps the server and the document intact', async () => {
		const canvasId = await newCanvas();
		const { socketBase, rooms } = await server({ limits: { maxFrameBytes: 64 * 1024 } });
		const good = await client(socketBase, canvasId);
		good.doc.getMap('records').set('shape:kept', { safe: true });
		const room = (await rooms.loaded(canvasId))!;
		await waitFor(() => room.doc.getMap('records').has('shape:kept'), 'accepted');
		const stateBefore = Y.encodeStateVector(good.doc);
		const url = `${socketBase}/${canvasId}?token=${await tokenFor(canvasId)}`;

		const validUpdate = (() => {
			const scratch = new Y.Doc();
			scratch.getMap('records').set('shape:x', { long: 'x'.repeat(200) });
			return Y.encodeStateAsUpdate(scratch);
		})();
		const frames: Uint8Array[] = [
			new Uint8Array([9]), // unknown message type
			new Uint8Array([0, 7]), // unknown sync type
			new Uint8Array([0, 2, 200]), // update with a truncated length
			new Uint8Array([0, 2, ...[validUpdate.length & 0x7f], ...validUpdate.slice(0, 20)]), // truncated update
			new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // not a Yjs update
			new Uint8Array([1, 5, 1, 2, 3, 4, 5]), // not an awareness update
			new Uint8Array([0, 0, 3, 255, 255, 255]) // broken state vector
		];
		for (let i = 0; i < 40; i++) frames.push(new Uint8Array(randomBytes(1 + (i % 60))));

		let closedCount = 0;
		for (const frame of frames) {
			const { ws, closed } = await rawSocket(url);
			ws.send(frame);
			// Random bytes can by chance be a harmless message; what matters is what follows.
			const outcome = await Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 150))]);
			if (outcome) {
				expect([1008, 1009]).toContain(outcome.code);
				closedCount++;
			}
			ws.terminate();
		}
		expect(closedCount).toBeGreaterThanOrEqual(7);

		const { ws, closed } = await rawSocket(url);
		ws.send(new Uint8Array(70 * 1024));
		expect((await closed).code).toBe(1009);

		// The server still serves, and the document is what the good client made.
		const fresh = await client(socketBase, canvasId);
		expect(fresh.doc.getMap('records').toJSON()).toEqual(good.doc.getMap('records').toJSON());
		expect(Y.encodeStateVector(fresh.doc)).toEqual(stateBefore);
	});

	it('refuses an update Yjs decodes but cannot apply, keeps nothing of it, and keeps serving the canvas', async () => {
		const canvasId = await newCanvas();
		const { socketBase, rooms } = await server();
		const good = await client(socketBase, canvasId);
		good.doc.getMap('records').set('shape:voor', { before: true });
		const room = (await rooms.loaded(canvasId))!;
		await waitFor(() => room.doc.getMap('records').has('shape:voor'), 'accepted');
		const rowsBefore = await storedRows(canvasId);

		// Two text items of one client, the second claiming an origin later than itself.
		const crafted = new Uint8Array([1, 2, 1, 0, 0x04, 1, 1, 0x74, 1, 0x61, 0x84, 1, 5, 1, 0x63, 0]);
		expect(() => Y.decodeUpdate(crafted)).not.toThrow();
		const { ws, closed } = await rawSocket(`${socketBase}/${canvasId}?token=${await tokenFor(canvasId)}`);
		ws.send(new Uint8Array([0, 2, crafted.length, ...crafted]));
		expect((await closed).code).toBe(1008);

		// The stored log is as before, and the canvas loads and syncs for a newcomer.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await storedRows(canvasId)).toBe(rowsBefore);
		const fresh = await client(socketBase, canvasId);
		expect(fresh.doc.getMap('records').get('shape:voor')).toEqual({ before: true });
		expect(fresh.doc.getText('t').toString()).toBe('');
	});

	it('survives a client that resets the connection in the middle of the handshake', async () => {
		const canvasId = await newCanvas();
		const { port, socketBase } = await server();
		for (const path of [`/ws/canvas/${canvasId}`, '/ws/onbekend']) {
			const socket = connect(port, '127.0.0.1');
			await new Promise((resolve) => socket.once('connect', resolve));
			socket.write(
				`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
					`Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
			);
			socket.resetAndDestroy();
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
		const after = await client(socketBase, canvasId);
		expect(after.provider.wsconnected).toBe(true);
	});

	it('closes a connection that floods the server', async () => {
		const canvasId = await newCanvas();
		const { socketBase } = await server({ limits: { messagesPerSecond: 10, messageBurst: 20 } });
		const { ws, closed } = await rawSocket(`${socketBase}/${canvasId}?token=${await tokenFor(canvasId)}`);
		const queryAwareness = new Uint8Array([3]);
		for (let i = 0; i < 100; i++) ws.send(queryAwareness);
		expect(await closed).toEqual({ code: 1008, reason: 'Te veel berichten; probeer het zo opnieuw.' });
	});

	it('refuses updates that would make a canvas too large', async () => {
		const canvasId = await newCanvas();
		const { socketBase } = await server({ limits: { maxDocumentBytes: 4_000 } });
		const a = await client(socketBase, canvasId);
		const closedWith = new Promise<number>((resolve) =>
			a.provider.ws?.addEventListener('close', (event) => resolve((event as unknown as { code: number }).code))
		);
		a.doc.getMap('records').set('shape:big', { text: 'x'.repeat(5_000) });
		// 44xx: the y-websocket client does not keep reconnecting to hand in the same update.
		expect(await closedWith).toBe(4413);
		const stored = await loadCanvas(db.sql, canvasId);
		expect(stored!.storedBytes).toBeLessThan(4_000);
	});

	it('does not let one member overwrite the presence of another', async () => {
		const canvasId = await newCanvas();
		const { socketBase } = await server();
		const a = await client(socketBase, canvasId);
		a.provider.awareness.setLocalStateField('user', { name: 'Anouk' });
		const b = await client(socketBase, canvasId);
		await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'B knows A');

		// Craft an awareness update that claims A's client id with a higher clock.
		const encoder = [1, ...encodeAwareness(a.doc.clientID, 999, JSON.stringify({ user: { name: 'Nep' } }))];
		const { ws, closed } = await rawSocket(`${socketBase}/${canvasId}?token=${await tokenFor(canvasId)}`);
		ws.send(new Uint8Array(encoder));
		expect((await closed).code).toBe(1008);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe('Anouk');
	});
});

describe('compaction and unloading', () => {
	it('folds the log into a snapshot that loads into the same document', async () => {
		const canvasId = await newCanvas();
		const { socketBase, rooms } = await server({ limits: { compactAfterRows: 10 } });
		const a = await client(socketBase, canvasId);
		for (let i = 0; i < 35; i++) {
			a.doc.getMap('records').set(`shape:${i % 7}`, { version: i });
			await new Promise((resolve) => setImmediate(resolve));
		}
		await waitFor(() => (a.doc.getMap('records').get('shape:6') as { version: number } | undefined)?.version === 34, 'local');
		const room = (await rooms.loaded(canvasId))!;
		await waitFor(() => room.lastSeq >= 2, 'some stored');
		await room.settle();

		const stored = await loadCanvas(db.sql, canvasId);
		expect(stored!.snapshot).not.toBeNull();
		expect(stored!.updates.length).toBeLessThan(10);
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, stored!.snapshot!);
		for (const update of stored!.updates) Y.applyUpdate(reloaded, update);
		expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(room.doc));
		for (const name of ['records', 'meta']) {
			expect(reloaded.getMap(name).toJSON()).toEqual(room.doc.getMap(name).toJSON());
		}
		expect(reloaded.getMap('records').size).toBe(7);
	});

	it('unloads an idle canvas after compacting it, and loads it again for the next member', async () => {
		const canvasId = await newCanvas();
		const { socketBase, rooms } = await server({ limits: { idleUnloadMs: 50 } });
		const a = await client(socketBase, canvasId);
		a.doc.getMap('records').set('shape:1', { text: 'blijft' });
		const room = (await rooms.loaded(canvasId))!;
		await waitFor(() => room.doc.getMap('records').has('shape:1'), 'accepted');
		a.disconnect();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await rooms.loaded(canvasId)).toBeNull();
		expect(await storedRows(canvasId)).toBe(0);

		const b = await client(socketBase, canvasId);
		expect(b.doc.getMap('records').get('shape:1')).toEqual({ text: 'blijft' });
	});
});

/** An awareness update for one client: count, client id, clock, JSON state (lib0 var-ints). */
function encodeAwareness(client: number, clock: number, state: string): number[] {
	const varUint = (n: number) => {
		const bytes: number[] = [];
		while (n > 0x7f) {
			bytes.push((n & 0x7f) | 0x80);
			n = Math.floor(n / 128);
		}
		bytes.push(n);
		return bytes;
	};
	const text = [...new TextEncoder().encode(state)];
	const inner = [...varUint(1), ...varUint(client), ...varUint(clock), ...varUint(text.length), ...text];
	return [...varUint(inner.length), ...inner];
}
