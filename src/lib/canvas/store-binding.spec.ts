import { createTLStore, HistoryManager } from '@tldraw/editor';
import { PageRecordType, toRichText, type TLNoteShape, type TLShapeId, type TLStore } from '@tldraw/tlschema';
import { getIndexAbove, ZERO_INDEX_KEY } from '@tldraw/utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { canvasSchema, createCanvasDocument, FIRST_PAGE_ID } from './canvas-document';
import { canvasRecords, readDocumentSchema, RECORDS_MAP_NAME, writeDocumentSchema } from './doc-layout';
import { bindStoreToDoc, type StoreBinding, type StoreBindingOptions } from './store-binding';
import { geoShape, noteShape } from './test-factories';
import { linkDocs } from './test-sync';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0).reverse()) cleanup();
	vi.useRealTimers();
});

/** A store as the island creates it (tldraw's default shapes, in Node without a DOM). */
function newStore(): TLStore {
	const store = createTLStore({});
	cleanups.push(() => store.dispose());
	return store;
}

function bind(store: TLStore, doc: Y.Doc, options?: StoreBindingOptions): StoreBinding {
	const binding = bindStoreToDoc(store, doc, options);
	cleanups.push(() => binding.dispose());
	return binding;
}

/** A canvas as the server creates it, already synced to the doc of a client. */
function serverCreatedDoc(): Y.Doc {
	const server = new Y.Doc();
	createCanvasDocument(server);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	return doc;
}

/** Two clients, A and B, on one canvas, their docs linked in memory. */
function twoClients() {
	const docA = serverCreatedDoc();
	const docB = new Y.Doc();
	const link = linkDocs(docA, docB);
	cleanups.push(() => link.unlink());
	const storeA = newStore();
	const storeB = newStore();
	const bindingA = bind(storeA, docA);
	const bindingB = bind(storeB, docB);
	return { docA, docB, link, storeA, storeB, bindingA, bindingB };
}

function note(store: TLStore, id: TLShapeId): TLNoteShape | undefined {
	const record = store.get(id);
	return record?.typeName === 'shape' && record.type === 'note' ? record : undefined;
}

/** Counts the doc's transactions that have `origin`. */
function transactionsBy(doc: Y.Doc, origin: object): { count: number } {
	const counter = { count: 0 };
	doc.on('afterTransaction', (transaction: Y.Transaction) => {
		if (transaction.origin === origin) counter.count++;
	});
	return counter;
}

describe('bindStoreToDoc', () => {
	it('loads the document into the store as remote changes, without a page of its own', () => {
		const doc = serverCreatedDoc();
		const store = newStore();
		const sources: string[] = [];
		cleanups.push(store.listen(({ source }) => sources.push(source), { scope: 'document' }));

		const binding = bind(store, doc);

		expect(binding.status()).toBe('live');
		expect(store.query.records('page').get().map((page) => page.id)).toEqual([FIRST_PAGE_ID]);
		expect(store.has(PageRecordType.createId('page'))).toBe(true);
		expect(sources).toEqual(['remote']);
	});

	it('shows a note created on A on B, with its text', () => {
		const { storeA, storeB, bindingA } = twoClients();
		const shape = noteShape('Laagdrempelig starten');

		storeA.put([shape]);
		bindingA.flush();

		expect(note(storeB, shape.id)?.props.richText).toEqual(toRichText('Laagdrempelig starten'));
	});

	it('shows on A that B moved the note', () => {
		const { storeA, storeB, bindingA, bindingB } = twoClients();
		const shape = noteShape('Zichtbaarheid');
		storeA.put([shape]);
		bindingA.flush();

		storeB.update(shape.id, (record) => ({ ...record, x: 240, y: 80 }));
		bindingB.flush();

		expect(note(storeA, shape.id)).toMatchObject({ x: 240, y: 80 });
	});

	it('keeps concurrent edits to different shapes from both sides', () => {
		const { docA, docB, link, storeA, storeB, bindingA, bindingB } = twoClients();
		const first = noteShape('Borging');
		const second = geoShape('Vervolg');
		storeA.put([first, second]);
		bindingA.flush();

		link.pause();
		storeA.update(first.id, (record) => ({ ...record, x: 111 }));
		storeB.update(second.id, (record) => ({ ...record, y: 222 }));
		bindingA.flush();
		bindingB.flush();
		link.resume();

		for (const store of [storeA, storeB]) {
			expect(store.get(first.id)).toMatchObject({ x: 111 });
			expect(store.get(second.id)).toMatchObject({ y: 222 });
		}
		expect(canvasRecords(docA).get(first.id)).toEqual(canvasRecords(docB).get(first.id));
	});

	it('removes on B what A deleted', () => {
		const { storeA, storeB, bindingA, docB } = twoClients();
		const shape = noteShape('Weg ermee');
		storeA.put([shape]);
		bindingA.flush();
		expect(storeB.has(shape.id)).toBe(true);

		storeA.remove([shape.id]);
		bindingA.flush();

		expect(storeB.has(shape.id)).toBe(false);
		expect(canvasRecords(docB).has(shape.id)).toBe(false);
	});

	it('keeps remote changes off the local undo stack', () => {
		const { storeA, storeB, bindingA, bindingB } = twoClients();
		// tldraw's undo lives in the Editor's HistoryManager, which records 'user' changes only.
		const historyB = new HistoryManager({ store: storeB });
		cleanups.push(() => historyB.dispose());
		const theirs = noteShape('Van A');
		storeA.put([theirs]);
		bindingA.flush();
		expect(historyB.getNumUndos()).toBe(0);

		const mine = noteShape('Van B');
		storeB.put([mine]);
		storeA.update(theirs.id, (record) => ({ ...record, x: 500 }));
		bindingA.flush();
		historyB.undo();
		bindingB.flush();

		expect(storeB.has(mine.id)).toBe(false);
		expect(storeB.get(theirs.id)).toMatchObject({ x: 500 });
		expect(storeA.has(mine.id)).toBe(false);
	});

	it('writes 100 rapid changes to one shape as one transaction', () => {
		const { docA, storeA, storeB, bindingA } = twoClients();
		const shape = noteShape('Sleep mij');
		storeA.put([shape]);
		bindingA.flush();
		const writes = transactionsBy(docA, bindingA.origin);

		for (let x = 1; x <= 100; x++) storeA.update(shape.id, (record) => ({ ...record, x }));
		bindingA.flush();

		expect(writes.count).toBe(1);
		expect(storeB.get(shape.id)).toMatchObject({ x: 100 });
	});

	it('writes at most 30 times a second while a shape keeps moving', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
		const { docA, storeA, storeB, bindingA } = twoClients();
		const shape = noteShape('Sleep mij');
		storeA.put([shape]);
		vi.advanceTimersByTime(100);
		const writtenAt: number[] = [];
		docA.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.origin === bindingA.origin) writtenAt.push(performance.now());
		});

		// One second of dragging, a change every 4 ms (faster than any screen).
		for (let x = 1; x <= 250; x++) {
			storeA.update(shape.id, (record) => ({ ...record, x }));
			vi.advanceTimersByTime(4);
		}
		vi.advanceTimersByTime(100);

		const gaps = writtenAt.slice(1).map((at, i) => at - writtenAt[i]!);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 30 - 0.001);
		// …and it does write during the drag, not only at its end.
		expect(writtenAt.length).toBeGreaterThanOrEqual(25);
		expect(storeB.get(shape.id)).toMatchObject({ x: 250 });
	});

	it('does not echo its own writes back into its store', () => {
		const { storeA, bindingA } = twoClients();
		const merges = vi.spyOn(storeA, 'mergeRemoteChanges');

		storeA.put([noteShape('Eén keer')]);
		bindingA.flush();

		expect(merges).not.toHaveBeenCalled();
	});

	it('ends equal on both sides when a remote change meets an unflushed local change to the same shape', () => {
		const { docA, docB, storeA, storeB, bindingA, bindingB } = twoClients();
		const shape = noteShape('Betwist');
		storeA.put([shape]);
		bindingA.flush();

		storeA.update(shape.id, (record) => ({ ...record, x: 1 }));
		storeB.update(shape.id, (record) => ({ ...record, y: 5 }));
		bindingB.flush();
		let updatesFromA = 0;
		docA.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin === bindingA.origin) updatesFromA++;
		});
		bindingA.flush();

		// B's version arrived last on A and is what A shows: A has nothing left to write.
		expect(updatesFromA).toBe(0);
		expect(storeA.get(shape.id)).toEqual(storeB.get(shape.id));
		expect(canvasRecords(docA).get(shape.id)).toEqual(storeA.get(shape.id));
		expect(canvasRecords(docB).get(shape.id)).toEqual(storeB.get(shape.id));
	});

	it('writes nothing while the document has not arrived, then loads it and drops its own default page', () => {
		const doc = new Y.Doc();
		const store = newStore();
		const binding = bind(store, doc);
		expect(binding.status()).toBe('waiting');
		const strayPage = PageRecordType.create({
			id: PageRecordType.createId('eigen'),
			name: 'Eigen',
			index: getIndexAbove(ZERO_INDEX_KEY)
		});
		store.put([strayPage]);
		binding.flush();
		expect(canvasRecords(doc).size).toBe(0);

		const server = new Y.Doc();
		createCanvasDocument(server);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));

		expect(binding.status()).toBe('live');
		expect(store.has(strayPage.id)).toBe(false);
		expect(store.has(FIRST_PAGE_ID)).toBe(true);
	});

	it('stops writing and asks for a reload when the document is newer than this client', () => {
		const doc = serverCreatedDoc();
		const current = canvasSchema.serialize();
		writeDocumentSchema(doc, {
			...current,
			sequences: { ...current.sequences, 'com.tldraw.shape.note': current.sequences['com.tldraw.shape.note']! + 1 }
		});
		const mismatches: string[] = [];
		const store = newStore();
		const binding = bind(store, doc, { onSchemaMismatch: (comparison) => mismatches.push(comparison) });

		store.put([noteShape('Gaat niet door')]);
		binding.flush();

		expect(binding.status()).toBe('client-older');
		expect(mismatches).toEqual(['client-older']);
		expect(canvasRecords(doc).size).toBe(2);
	});

	it('drops unflushed local changes when the document turns out to be newer than this client', () => {
		const { docA, docB, storeA, bindingA } = twoClients();
		const shape = noteShape('Net te laat');
		storeA.put([shape]);

		// Meanwhile the server restarted with a newer tldraw and migrated the document.
		const current = canvasSchema.serialize();
		writeDocumentSchema(docB, {
			...current,
			sequences: { ...current.sequences, 'com.tldraw.shape.note': current.sequences['com.tldraw.shape.note']! + 1 }
		});
		bindingA.flush();

		expect(bindingA.status()).toBe('client-older');
		expect(canvasRecords(docA).has(shape.id)).toBe(false);
	});

	it('reads a document older than this client by migrating its records up, and does not write', () => {
		const doc = serverCreatedDoc();
		const current = canvasSchema.serialize();
		writeDocumentSchema(doc, {
			...current,
			sequences: { ...current.sequences, 'com.tldraw.shape.note': 11 }
		});
		// Written by a client of note version 11, where 0 meant "no adjustment".
		const oldNote = noteShape('Oud');
		doc.getMap(RECORDS_MAP_NAME).set(oldNote.id, { ...oldNote, props: { ...oldNote.props, fontSizeAdjustment: 0 } });
		const store = newStore();

		const binding = bind(store, doc);
		store.put([noteShape('Nieuw')]);
		binding.flush();

		expect(binding.status()).toBe('document-older');
		expect(note(store, oldNote.id)?.props.fontSizeAdjustment).toBe(1);
		expect(canvasRecords(doc).size).toBe(3);
		expect(readDocumentSchema(doc)).not.toEqual(current);
	});

	it('skips a record that fails validation and keeps the valid ones of the same change', () => {
		const { docB, storeA } = twoClients();
		const rejected: string[][] = [];
		const storeC = newStore();
		const docC = new Y.Doc();
		cleanups.push(linkDocs(docB, docC).unlink);
		bind(storeC, docC, { onRejectedRecords: (ids) => rejected.push(ids) });
		const valid = noteShape('Goed');
		const broken = { ...noteShape('Kapot'), x: 'links' };

		// A misbehaving peer writes straight into the doc.
		docB.transact(() => {
			canvasRecords(docB).set(valid);
			docB.getMap(RECORDS_MAP_NAME).set(broken.id, broken);
		});

		for (const store of [storeA, storeC]) {
			expect(store.has(valid.id)).toBe(true);
			expect(store.has(broken.id)).toBe(false);
		}
		expect(rejected).toEqual([[broken.id]]);
	});

	it('never writes for a read-only client', () => {
		const doc = serverCreatedDoc();
		const store = newStore();
		const binding = bind(store, doc, { readOnly: true });

		store.put([noteShape('Alleen kijken')]);
		binding.flush();

		expect(binding.status()).toBe('read-only');
		expect(canvasRecords(doc).size).toBe(2);
	});
});
