import { createMigrationSequence, type SerializedSchemaV2 } from '@tldraw/store';
import { createTLStore } from '@tldraw/editor';
import { createTLSchema, DocumentRecordType, TLDOCUMENT_ID } from '@tldraw/tlschema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CanvasDocumentError,
	canvasSchema,
	compareDocumentSchema,
	createCanvasDocument,
	FIRST_PAGE_ID,
	isRecordEnvelope,
	migrateCanvasDocument
} from './canvas-document';
import { canvasRecords, RECORDS_MAP_NAME, readDocumentSchema, writeDocumentSchema } from './doc-layout';
import { geoShape, noteShape } from './test-factories';

const current = canvasSchema.serialize();

/** The current schema with some sequences at other versions. */
function schemaWith(sequences: Record<string, number>): SerializedSchemaV2 {
	return { schemaVersion: 2, sequences: { ...current.sequences, ...sequences } };
}

/** A note as tldraw wrote it at note version 10: no `textFirstEditedBy`, and 0 for "no adjustment". */
function noteAtVersion10(text: string): Record<string, unknown> {
	const { textFirstEditedBy: _, ...props } = noteShape(text).props;
	return { ...noteShape(text), props: { ...props, fontSizeAdjustment: 0 } };
}

/** A canvas stored by an older tldraw (note shapes at version 10), as the server would load it. */
function olderDocument() {
	const doc = new Y.Doc();
	createCanvasDocument(doc);
	const notes = [noteAtVersion10('Eerste'), noteAtVersion10('Tweede')];
	const geos = [geoShape('Thema 1'), geoShape('Thema 2'), geoShape('Thema 3')];
	const raw = doc.getMap(RECORDS_MAP_NAME);
	doc.transact(() => {
		for (const record of [...notes, ...geos]) raw.set(String(record.id), record);
		writeDocumentSchema(doc, schemaWith({ 'com.tldraw.shape.note': 10 }));
	});
	return { doc, noteIds: notes.map((note) => String(note.id)), geoIds: geos.map((geo) => geo.id) };
}

/** Counts the doc's transactions and collects the record ids they changed. */
function recordWrites(doc: Y.Doc) {
	let transactions = 0;
	const changedIds = new Set<string>();
	doc.on('afterTransaction', () => transactions++);
	canvasRecords(doc).observe((ids) => ids.forEach((id) => changedIds.add(id)));
	return { count: () => transactions, changedIds: () => changedIds };
}

describe('createCanvasDocument', () => {
	it('writes the document record, one page and the current schema in one transaction', () => {
		const doc = new Y.Doc();
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);

		createCanvasDocument(doc, { pageName: 'Thema 1' });

		expect(transactions).toBe(1);
		const records = canvasRecords(doc);
		expect([...records.entries()].map(([id]) => id).sort()).toEqual([TLDOCUMENT_ID, FIRST_PAGE_ID].sort());
		expect(records.get(FIRST_PAGE_ID)).toMatchObject({ typeName: 'page', name: 'Thema 1' });
		expect(readDocumentSchema(doc)).toEqual(current);
	});

	it('refuses to write over a document that has content', () => {
		const doc = new Y.Doc();
		doc.transact(() => canvasRecords(doc).set(DocumentRecordType.create({ id: TLDOCUMENT_ID })));

		expect(() => createCanvasDocument(doc)).toThrow(CanvasDocumentError);
		expect(readDocumentSchema(doc)).toBeUndefined();
	});
});

describe('migrateCanvasDocument', () => {
	it('leaves a current document alone', () => {
		const doc = new Y.Doc();
		createCanvasDocument(doc);
		const writes = recordWrites(doc);

		expect(migrateCanvasDocument(doc)).toEqual({ migrated: false });
		expect(writes.count()).toBe(0);
	});

	it('rewrites only the records the migrations changed, and the schema, in one transaction', () => {
		const { doc, noteIds, geoIds } = olderDocument();
		const geosBefore = geoIds.map((id) => canvasRecords(doc).get(id));
		const writes = recordWrites(doc);

		expect(migrateCanvasDocument(doc)).toEqual({ migrated: true });

		expect(writes.count()).toBe(1);
		expect(writes.changedIds()).toEqual(new Set(noteIds));
		expect(readDocumentSchema(doc)).toEqual(current);
		for (const id of noteIds) {
			expect(canvasRecords(doc).get(id)).toMatchObject({ props: { textFirstEditedBy: null, fontSizeAdjustment: 1 } });
		}
		// Untouched records are still the very values that were stored.
		expect(geoIds.map((id) => canvasRecords(doc).get(id))).toEqual(geosBefore);
		expect(compareDocumentSchema(doc, canvasSchema)).toBe('same');
	});

	it('leaves records that validate against the current schema afterwards', () => {
		const { doc } = olderDocument();

		migrateCanvasDocument(doc);

		const records = [...canvasRecords(doc).entries()].map(([, value]) => value).filter(isRecordEnvelope);
		const store = createTLStore({ schema: canvasSchema });
		expect(records).toHaveLength(7);
		expect(() => store.mergeRemoteChanges(() => store.put(records))).not.toThrow();
		store.dispose();
	});

	it('deletes the records a store migration removes', () => {
		// A migration of our own that drops shapes marked obsolete, the kind a later release may ship.
		const cleanup = createMigrationSequence({
			sequenceId: 'ontwerpsessies.cleanup',
			sequence: [
				{
					id: 'ontwerpsessies.cleanup/1',
					scope: 'store',
					up(store) {
						for (const record of Object.values(store)) {
							const meta: unknown = 'meta' in record ? record.meta : undefined;
							if (typeof meta === 'object' && meta !== null && 'obsolete' in meta) delete store[record.id];
						}
					}
				}
			]
		});
		const schema = createTLSchema({ migrations: [cleanup] });
		const doc = new Y.Doc();
		createCanvasDocument(doc);
		const obsolete = { ...geoShape('Oud'), meta: { obsolete: true } };
		const kept = geoShape('Blijft');
		doc.transact(() => {
			canvasRecords(doc).set(obsolete);
			canvasRecords(doc).set(kept);
			writeDocumentSchema(doc, schemaWith({ 'ontwerpsessies.cleanup': 0 }));
		});
		const writes = recordWrites(doc);

		expect(migrateCanvasDocument(doc, schema)).toEqual({ migrated: true });

		expect(writes.changedIds()).toEqual(new Set([obsolete.id]));
		expect(canvasRecords(doc).has(obsolete.id)).toBe(false);
		expect(canvasRecords(doc).has(kept.id)).toBe(true);
		expect(readDocumentSchema(doc)).toEqual(schema.serialize());
	});

	it('refuses a document written by a newer tldraw, and leaves it as it is', () => {
		const doc = new Y.Doc();
		createCanvasDocument(doc);
		writeDocumentSchema(doc, schemaWith({ 'com.tldraw.shape.note': 99 }));
		const writes = recordWrites(doc);

		expect(() => migrateCanvasDocument(doc)).toThrow(
			expect.objectContaining({ problem: 'document-newer-than-server' })
		);
		expect(writes.count()).toBe(0);
	});

	it('refuses a document without a schema', () => {
		const doc = new Y.Doc();
		doc.transact(() => canvasRecords(doc).set(DocumentRecordType.create({ id: TLDOCUMENT_ID })));

		expect(() => migrateCanvasDocument(doc)).toThrow(expect.objectContaining({ problem: 'missing-schema' }));
	});
});

describe('compareDocumentSchema', () => {
	it('tells a client whether it, or the document, is behind', () => {
		const doc = new Y.Doc();
		expect(compareDocumentSchema(doc, canvasSchema)).toBe('missing');

		createCanvasDocument(doc);
		expect(compareDocumentSchema(doc, canvasSchema)).toBe('same');

		writeDocumentSchema(doc, schemaWith({ 'com.tldraw.shape.geo': 9 }));
		expect(compareDocumentSchema(doc, canvasSchema)).toBe('document-older');

		writeDocumentSchema(doc, schemaWith({ 'com.tldraw.shape.geo': 12 }));
		expect(compareDocumentSchema(doc, canvasSchema)).toBe('client-older');

		// A shape type this client has never heard of.
		writeDocumentSchema(doc, schemaWith({ 'com.example.shape.kanban': 1 }));
		expect(compareDocumentSchema(doc, canvasSchema)).toBe('client-older');
	});
});
