import { createTLStore } from '@tldraw/editor';
import {
	InstancePageStateRecordType,
	TLPOINTER_ID,
	type TLShapeId,
	type TLStore
} from '@tldraw/tlschema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createCanvasDocument, FIRST_PAGE_ID } from './canvas-document';
import { bindPresence, PRESENCE_FIELD, presenceRecordId, type PresenceOptions } from './presence';
import { MAX_PRESENCE_SELECTION } from './schema';
import { bindStoreToDoc } from './store-binding';
import { noteShape } from './test-factories';
import { linkAwareness } from './test-sync';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0).reverse()) cleanup();
	vi.useRealTimers();
});

/** One participant: a doc loaded with the canvas, a store bound to it, an awareness. */
function participant() {
	const server = new Y.Doc();
	createCanvasDocument(server);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	const store = createTLStore({});
	const binding = bindStoreToDoc(store, doc);
	const awareness = new Awareness(doc);
	cleanups.push(() => {
		binding.dispose();
		awareness.destroy();
		store.dispose();
	});
	return { doc, store, awareness };
}

function bind(store: TLStore, awareness: Awareness, options: Partial<PresenceOptions> = {}) {
	const presence = bindPresence(store, awareness, { name: 'Anouk', color: '#1d4ed8', ...options });
	cleanups.push(() => presence.dispose());
	return presence;
}

/** What tldraw's editor does when the pointer moves and shapes are selected. */
function movePointer(store: TLStore, x: number, y: number) {
	const pointer = store.get(TLPOINTER_ID);
	if (!pointer) throw new Error('the store has no pointer record');
	store.put([{ ...pointer, x, y, lastActivityTimestamp: Date.now() }]);
}

function select(store: TLStore, shapeIds: TLShapeId[]) {
	const pageState = store.get(InstancePageStateRecordType.createId(FIRST_PAGE_ID));
	if (!pageState) throw new Error('the store has no page state');
	store.put([{ ...pageState, selectedShapeIds: shapeIds }]);
}

describe('bindPresence', () => {
	it("shows A's cursor, name, colour, page and selection on B as an instance_presence record", () => {
		const a = participant();
		const b = participant();
		cleanups.push(linkAwareness(a.awareness, b.awareness));
		const shape = noteShape('Gekozen');
		a.store.put([shape]);
		const presenceA = bind(a.store, a.awareness, { name: 'Anouk', color: '#b91c1c' });
		const presenceB = bind(b.store, b.awareness, { name: 'Bram' });
		const sourcesOnB: string[] = [];
		cleanups.push(b.store.listen(({ source }) => sourcesOnB.push(source), { scope: 'presence' }));

		movePointer(a.store, 120.26, 80);
		select(a.store, [shape.id]);
		presenceA.flush();
		presenceB.flush();
		presenceA.flush();

		expect(b.store.get(presenceRecordId(a.awareness.clientID))).toMatchObject({
			typeName: 'instance_presence',
			userName: 'Anouk',
			color: '#b91c1c',
			currentPageId: FIRST_PAGE_ID,
			cursor: { x: 120.3, y: 80 },
			selectedShapeIds: [shape.id]
		});
		// Merged as remote changes, so a peer's cursor never lands on the undo stack.
		expect(new Set(sourcesOnB)).toEqual(new Set(['remote']));
		// Nobody sees their own cursor as someone else's.
		expect(b.store.has(presenceRecordId(b.awareness.clientID))).toBe(false);
		expect(a.store.query.records('instance_presence').get().map((record) => record.userName)).toEqual(['Bram']);
	});

	it('publishes a small state, never a tldraw record, with a capped selection', () => {
		const a = participant();
		const shapes = Array.from({ length: 30 }, (_, i) => noteShape(`Idee ${i}`));
		a.store.put(shapes);
		const presence = bind(a.store, a.awareness);

		select(a.store, shapes.map((shape) => shape.id));
		presence.flush();

		const published: unknown = a.awareness.getLocalState()?.[PRESENCE_FIELD];
		expect(Object.keys(Object(published)).sort()).toEqual(['color', 'cursor', 'name', 'pageId', 'selection']);
		expect(published).toMatchObject({ selection: shapes.slice(0, MAX_PRESENCE_SELECTION).map((shape) => shape.id) });
		expect(JSON.stringify(published).length).toBeLessThan(1024);
	});

	it("removes a peer's record when the peer leaves", () => {
		const a = participant();
		const b = participant();
		cleanups.push(linkAwareness(a.awareness, b.awareness));
		const presenceA = bind(a.store, a.awareness);
		const presenceB = bind(b.store, b.awareness);
		presenceA.flush();
		presenceB.flush();
		expect(b.store.has(presenceRecordId(a.awareness.clientID))).toBe(true);

		// What the provider does when a peer's connection closes.
		removeAwarenessStates(a.awareness, [a.awareness.clientID], 'peer left');
		presenceB.flush();

		expect(b.store.has(presenceRecordId(a.awareness.clientID))).toBe(false);
	});

	it('publishes at most 20 times a second while the pointer keeps moving', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
		const a = participant();
		bind(a.store, a.awareness);
		vi.advanceTimersByTime(100);
		const publishedAt: number[] = [];
		a.awareness.on('change', ({ updated }: { updated: number[] }) => {
			if (updated.includes(a.awareness.clientID)) publishedAt.push(performance.now());
		});

		// One second of pointer movement, every 5 ms.
		for (let step = 1; step <= 200; step++) {
			movePointer(a.store, step, step);
			vi.advanceTimersByTime(5);
		}
		vi.advanceTimersByTime(100);

		const gaps = publishedAt.slice(1).map((at, i) => at - publishedAt[i]!);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
		expect(publishedAt.length).toBeGreaterThanOrEqual(15);
		expect(a.awareness.getLocalState()?.[PRESENCE_FIELD]).toMatchObject({ cursor: { x: 200, y: 200 } });
	});

	it("updates the store with several peers' presence at most 20 times a second", () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
		const b = participant();
		const peers = [participant(), participant(), participant()];
		for (const peer of peers) {
			cleanups.push(linkAwareness(peer.awareness, b.awareness));
			bind(peer.store, peer.awareness);
		}
		bind(b.store, b.awareness);
		vi.advanceTimersByTime(100);
		const mergedAt: number[] = [];
		const merge = b.store.mergeRemoteChanges.bind(b.store);
		vi.spyOn(b.store, 'mergeRemoteChanges').mockImplementation((fn) => {
			mergedAt.push(performance.now());
			merge(fn);
		});

		// Each peer moves its pointer for a second, the three a little out of step.
		for (let step = 1; step <= 200; step++) {
			peers.forEach((peer, i) => movePointer(peer.store, step + i, step));
			vi.advanceTimersByTime(5);
		}
		vi.advanceTimersByTime(100);

		const gaps = mergedAt.slice(1).map((at, i) => at - mergedAt[i]!);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
		expect(mergedAt.length).toBeGreaterThanOrEqual(15);
		expect(b.store.get(presenceRecordId(peers[2]!.awareness.clientID))).toMatchObject({ cursor: { x: 202, y: 200 } });
	});

	it('never writes presence into the Y.Doc', () => {
		const a = participant();
		const b = participant();
		cleanups.push(linkAwareness(a.awareness, b.awareness));
		let docUpdates = 0;
		a.doc.on('update', () => docUpdates++);
		b.doc.on('update', () => docUpdates++);
		const presenceA = bind(a.store, a.awareness);
		const presenceB = bind(b.store, b.awareness);

		movePointer(a.store, 10, 20);
		presenceA.flush();
		presenceB.flush();

		expect(b.store.has(presenceRecordId(a.awareness.clientID))).toBe(true);
		expect(docUpdates).toBe(0);
	});

	it('shares no cursors while they are hidden, keeps the names, and shows them again after a refresh', () => {
		const a = participant();
		const b = participant();
		cleanups.push(linkAwareness(a.awareness, b.awareness));
		let cursorsShown = false;
		const showCursors = () => cursorsShown;
		const presenceA = bind(a.store, a.awareness, { name: 'Anouk', showCursors });
		const presenceB = bind(b.store, b.awareness, { name: 'Bram' });

		movePointer(a.store, 10, 20);
		movePointer(b.store, 30, 40);
		presenceA.flush();
		presenceB.flush();
		presenceA.flush();

		// A publishes no cursor: B sees A by name only.
		expect(a.awareness.getLocalState()?.[PRESENCE_FIELD]).toMatchObject({ name: 'Anouk', cursor: null });
		expect(b.store.get(presenceRecordId(a.awareness.clientID))).toMatchObject({ userName: 'Anouk', cursor: null });
		// A draws nobody's cursor, though B publishes one.
		expect(b.awareness.getLocalState()?.[PRESENCE_FIELD]).toMatchObject({ cursor: { x: 30, y: 40 } });
		expect(a.store.get(presenceRecordId(b.awareness.clientID))).toMatchObject({ userName: 'Bram', cursor: null });

		cursorsShown = true;
		presenceA.refresh();
		presenceA.flush();
		presenceB.flush();

		expect(b.store.get(presenceRecordId(a.awareness.clientID))).toMatchObject({ cursor: { x: 10, y: 20 } });
		expect(a.store.get(presenceRecordId(b.awareness.clientID))).toMatchObject({ cursor: { x: 30, y: 40 } });
	});

	it('ignores a peer whose state is not valid presence', () => {
		const a = participant();
		const b = participant();
		cleanups.push(linkAwareness(a.awareness, b.awareness));
		const presenceB = bind(b.store, b.awareness);

		a.awareness.setLocalStateField(PRESENCE_FIELD, { name: 'Mallory', color: 'red', pageId: FIRST_PAGE_ID });
		presenceB.flush();

		expect(b.store.query.records('instance_presence').get()).toEqual([]);
	});
});
