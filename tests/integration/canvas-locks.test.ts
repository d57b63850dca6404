import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RECORDS_MAP_NAME } from '../../src/lib/canvas/doc-layout';
import type { CanvasLock } from '../../src/lib/live/canvas-lock';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { ensureCanvasForTheme, loadCanvas, replayCanvas } from '../../src/lib/server/realtime/canvas-store';
import { connectClient, rawSocket, startRealtimeServer, tokenFor, waitFor } from './support/realtime-harness';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

// Canvas locks as the server enforces them, with real y-websocket clients: a facilitator (staff)
// and a participant. Records are plain JSON in `tldraw_records`, the real document layout.

const STAFF = 'staff:facilitator@ontwerpsessies.test';
const FRAME_ID = 'shape:frame1';

type Client = Awaited<ReturnType<typeof connectClient>>;

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

async function server() {
	const started = await startRealtimeServer(db.sql);
	cleanups.push(() => started.close());
	return started;
}

async function client(socketBase: string, canvasId: string, subject: string) {
	const connected = await connectClient(socketBase, canvasId, 'editor', subject);
	cleanups.push(() => connected.disconnect());
	return connected;
}

/** A fresh canvas: a new theme on the seeded event, so tests do not share documents. */
async function newCanvas(lock: CanvasLock = 'open'): Promise<string> {
	const [theme] = await db.sql<{ id: string }[]>`
		insert into public.themes (event_id, position, title)
		values ('00000000-0000-4000-8000-000000002019', (select coalesce(max(position), 0) + 1 from public.themes), 'Slotthema')
		returning id
	`;
	const canvasId = await ensureCanvasForTheme(db.sql, theme!.id);
	await db.sql`update public.canvases set lock = ${lock} where id = ${canvasId}`;
	return canvasId;
}

function records(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(RECORDS_MAP_NAME);
}

/** A frame of a placed design technique. */
function templateFrame(x: number) {
	return {
		id: FRAME_ID,
		typeName: 'shape',
		type: 'frame',
		x,
		y: 0,
		parentId: 'page:page',
		meta: { osTemplate: true },
		props: { w: 400, h: 600, name: 'Tops' }
	};
}

function note(id: string, text: string, x = 0) {
	return { id, typeName: 'shape', type: 'note', x, y: 0, parentId: FRAME_ID, meta: {}, props: { text } };
}

function xOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null && 'x' in value ? value.x : undefined;
}

/** The records as PostgreSQL holds them: snapshot and log replayed into a new document. */
async function storedRecords(canvasId: string): Promise<Y.Map<unknown>> {
	const stored = await loadCanvas(db.sql, canvasId);
	const doc = new Y.Doc();
	replayCanvas(doc, stored!, (error) => {
		throw error;
	});
	return records(doc);
}

/** A facilitator and a participant on a canvas with a template frame and a note in it. */
async function canvasWithTemplate(lock: CanvasLock = 'open') {
	const canvasId = await newCanvas(lock);
	const { socketBase, rooms } = await server();
	const staff = await client(socketBase, canvasId, STAFF);
	const participant = await client(socketBase, canvasId, `participant:${randomUUID()}`);
	staff.doc.transact(() => {
		records(staff.doc).set(FRAME_ID, templateFrame(0));
		records(staff.doc).set('shape:staff', note('shape:staff', 'Van de begeleider'));
	});
	await waitFor(() => records(participant.doc).has('shape:staff'), 'participant sees the template');
	return { canvasId, socketBase, rooms, staff, participant };
}

/**
 * A raw socket with a participant's token, sending updates made on copies of `from` (each its own
 * Yjs client), in order on one socket, the way a modified browser could.
 */
async function participantSocket(socketBase: string, canvasId: string) {
	const token = await tokenFor(canvasId, 'editor', `participant:${randomUUID()}`);
	const { ws } = await rawSocket(`${socketBase}/${canvasId}?token=${token}`);
	cleanups.push(() => ws.terminate());
	return {
		send(from: Y.Doc, change: (records: Y.Map<unknown>) => void) {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(from));
			const updates: Uint8Array[] = [];
			copy.on('update', (update: Uint8Array) => updates.push(update));
			change(records(copy));
			const frame = encoding.createEncoder();
			encoding.writeVarUint(frame, 0); // sync
			encoding.writeVarUint(frame, 2); // update
			encoding.writeVarUint8Array(frame, Y.mergeUpdates(updates));
			ws.send(encoding.toUint8Array(frame));
		}
	};
}

/**
 * Waits until the staff client has seen `who`'s presence change: sent after `who`'s last edit on
 * the same socket, so by then the server has received (and accepted or dropped) that edit.
 */
async function afterPresence(who: Client, staff: Client) {
	const marker = randomUUID();
	who.provider.awareness.setLocalStateField('marker', marker);
	await waitFor(() => staff.provider.awareness.getStates().get(who.doc.clientID)?.marker === marker, 'presence seen');
}

describe('the template lock', () => {
	it('lets a participant write notes but not move or delete the template, applied to a loaded room at once', async () => {
		const { canvasId, socketBase, rooms, staff, participant } = await canvasWithTemplate();
		await rooms.setLock(canvasId, 'template');
		expect((await rooms.loaded(canvasId))?.lock).toBe('template');

		records(participant.doc).set('shape:p1', note('shape:p1', 'Idee'));
		await waitFor(() => records(staff.doc).has('shape:p1'), 'staff sees the new note');
		records(participant.doc).set('shape:p1', note('shape:p1', 'Beter idee', 80));
		await waitFor(() => xOf(records(staff.doc).get('shape:p1')) === 80, 'staff sees the edit');
		expect((await storedRecords(canvasId)).get('shape:p1')).toEqual(note('shape:p1', 'Beter idee', 80));

		// Moving the frame, then a legitimate note on the same socket: once the note has reached the
		// facilitator, the server has dealt with the move, which would have been broadcast first.
		const modified = await participantSocket(socketBase, canvasId);
		modified.send(staff.doc, (map) => map.set(FRAME_ID, { ...templateFrame(0), x: 120 }));
		modified.send(staff.doc, (map) => map.set('shape:p2', note('shape:p2', 'Na de verplaatsing')));
		await waitFor(() => records(staff.doc).has('shape:p2'), 'staff sees the note after the move');
		modified.send(staff.doc, (map) => map.delete(FRAME_ID));
		modified.send(staff.doc, (map) => map.set('shape:p3', note('shape:p3', 'Na het verwijderen')));
		await waitFor(() => records(staff.doc).has('shape:p3'), 'staff sees the note after the delete');

		expect(records(staff.doc).get(FRAME_ID)).toEqual(templateFrame(0));
		await (await rooms.loaded(canvasId))!.settle();
		const stored = await storedRecords(canvasId);
		expect(stored.get(FRAME_ID)).toEqual(templateFrame(0));
		expect([stored.has('shape:p2'), stored.has('shape:p3')]).toEqual([true, true]);

		// The facilitator still moves it.
		records(staff.doc).set(FRAME_ID, templateFrame(40));
		await waitFor(() => xOf(records(participant.doc).get(FRAME_ID)) === 40, 'participant sees the staff move');
	});

	it('holds from the column when the room loads, and hands in a refused move once the lock opens', async () => {
		const { canvasId, rooms, staff, participant } = await canvasWithTemplate('template');
		expect((await rooms.loaded(canvasId))?.lock).toBe('template');

		records(participant.doc).set(FRAME_ID, templateFrame(120));
		await afterPresence(participant, staff);
		await (await rooms.loaded(canvasId))!.settle();
		expect(xOf(records(staff.doc).get(FRAME_ID))).toBe(0);
		expect(xOf((await storedRecords(canvasId)).get(FRAME_ID))).toBe(0);

		// The browser still shows its move; opening the lock asks it for what the server lacks.
		await db.sql`update public.canvases set lock = 'open' where id = ${canvasId}`;
		await rooms.setLock(canvasId, 'open');
		await waitFor(() => xOf(records(staff.doc).get(FRAME_ID)) === 120, 'the move arrives once open');
		await (await rooms.loaded(canvasId))!.settle();
		expect(xOf((await storedRecords(canvasId)).get(FRAME_ID))).toBe(120);
	});
});

describe('the read-only lock', () => {
	it('drops what a participant writes and keeps what staff write', async () => {
		const { canvasId, rooms, staff, participant } = await canvasWithTemplate();
		await rooms.setLock(canvasId, 'read-only');

		records(participant.doc).set('shape:stil', note('shape:stil', 'Toch nog even'));
		await afterPresence(participant, staff);
		records(staff.doc).set('shape:presentatie', note('shape:presentatie', 'Uitkomst'));
		await waitFor(() => records(participant.doc).has('shape:presentatie'), 'participant sees the staff note');
		await (await rooms.loaded(canvasId))!.settle();

		expect(records(staff.doc).has('shape:stil')).toBe(false);
		const stored = await storedRecords(canvasId);
		expect([stored.has('shape:stil'), stored.has('shape:presentatie')]).toEqual([false, true]);

		// Reopened: the note the participant still sees reaches everyone.
		await rooms.setLock(canvasId, 'open');
		await waitFor(() => records(staff.doc).has('shape:stil'), 'the note arrives once open');
	});
});
