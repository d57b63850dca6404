import type { SerializedSchema, SerializedStore } from '@tldraw/store';
import {
	createTLSchema,
	DocumentRecordType,
	PageRecordType,
	TLDOCUMENT_ID,
	type TLPageId,
	type TLRecord,
	type TLStoreSchema
} from '@tldraw/tlschema';
import { isEqual, ZERO_INDEX_KEY } from '@tldraw/utils';
import type * as Y from 'yjs';
import { canvasRecords, isEmptyCanvasDocument, readDocumentSchema, writeDocumentSchema } from './doc-layout';

// Creating and migrating canvas documents. Runs on the server (plain Node, no DOM, no React):
// only the server seeds or migrates a document, right after loading it and before anyone joins,
// so clients never race each other (or stored state) to initialise an empty-looking doc.

/**
 * The tldraw schema of every canvas: tldraw's default shapes, bindings and assets. The browser
 * store must be created with this same schema (`createTLStore({ schema: canvasSchema })`), so
 * server and client agree on what "the current version" is.
 */
export const canvasSchema: TLStoreSchema = createTLSchema();

/**
 * The id of a new canvas's one page. Equal to the id tldraw gives the page it creates in an
 * empty store, so a page tldraw makes on its own before the document arrives is the same record.
 */
export const FIRST_PAGE_ID: TLPageId = PageRecordType.createId('page');

/** Why a canvas document could not be created or brought up to date. */
export type CanvasDocumentProblem =
	| 'not-empty'
	| 'missing-schema'
	| 'document-newer-than-server'
	| 'migration-failed';

/** A stored canvas the server must not serve as it is (the room should refuse to open it). */
export class CanvasDocumentError extends Error {
	constructor(
		readonly problem: CanvasDocumentProblem,
		message: string
	) {
		super(message);
		this.name = 'CanvasDocumentError';
	}
}

/**
 * How a document's schema relates to a client's: `same`; `document-older` (the server has not
 * migrated it: read it by migrating records up, never write); `client-older` (the document holds
 * versions or record types this client does not know: the user must reload); `missing` (no
 * schema yet: not synced, or never created).
 */
export type SchemaComparison = 'same' | 'document-older' | 'client-older' | 'missing';

export interface CreateCanvasOptions {
	/** Name of the first page, shown in tldraw's page menu. */
	pageName?: string;
	/** Defaults to {@link canvasSchema}; tests pass another. */
	schema?: TLStoreSchema;
}

/**
 * Seeds a new, empty canvas document in one transaction: tldraw's document record, one page and
 * the serialized current schema. Throws {@link CanvasDocumentError} (`not-empty`) when the doc
 * already holds anything, so stored work is never overwritten.
 */
export function createCanvasDocument(doc: Y.Doc, options: CreateCanvasOptions = {}): void {
	if (!isEmptyCanvasDocument(doc)) {
		throw new CanvasDocumentError('not-empty', 'createCanvasDocument: the document already has content');
	}
	const schema = options.schema ?? canvasSchema;
	const records = canvasRecords(doc);
	doc.transact(() => {
		records.set(DocumentRecordType.create({ id: TLDOCUMENT_ID }));
		records.set(
			PageRecordType.create({ id: FIRST_PAGE_ID, name: options.pageName ?? 'Pagina 1', index: ZERO_INDEX_KEY })
		);
		writeDocumentSchema(doc, schema.serialize());
	});
}

/**
 * Brings a stored document up to the current schema with tldraw's own migrations. Writes, in one
 * transaction, only the records the migrations changed or removed, plus the new schema; a document
 * that is already current is not touched. Throws {@link CanvasDocumentError} when the document has
 * no schema, is newer than this server, or tldraw's migrations fail.
 */
export function migrateCanvasDocument(doc: Y.Doc, schema: TLStoreSchema = canvasSchema): { migrated: boolean } {
	const storedSchema = readDocumentSchema(doc);
	if (!storedSchema) {
		throw new CanvasDocumentError('missing-schema', 'migrateCanvasDocument: the document has no readable schema');
	}
	const comparison = compareSchemas(storedSchema, schema);
	if (comparison === 'same') return { migrated: false };
	if (comparison === 'client-older') {
		throw new CanvasDocumentError(
			'document-newer-than-server',
			'migrateCanvasDocument: the document was written by a newer tldraw than this server runs'
		);
	}

	const records = canvasRecords(doc);
	const stored: SerializedStore<TLRecord> = {};
	for (const [id, value] of records.entries()) {
		// Older records do not validate against the current schema (that is what migrating
		// fixes), so only their envelope is checked here; the store validates them on load.
		if (isRecordEnvelope(value) && value.id === id) stored[value.id] = value;
	}
	const result = schema.migrateStoreSnapshot({ schema: storedSchema, store: stored });
	if (result.type === 'error') {
		throw new CanvasDocumentError('migration-failed', `migrateCanvasDocument: tldraw could not migrate (${result.reason})`);
	}
	const migrated = result.value;

	doc.transact(() => {
		for (const [id, before] of Object.entries(stored)) {
			const after = migrated[before.id];
			if (!after) records.delete(id);
			// Unchanged records come back as the very same object; the deep check guards a
			// tldraw that clones everything.
			else if (after !== before && !isEqual(after, before)) records.set(after);
		}
		for (const record of Object.values(migrated)) {
			if (!records.has(record.id)) records.set(record);
		}
		writeDocumentSchema(doc, schema.serialize());
	});
	return { migrated: true };
}

/**
 * Compares the document's stored schema with a client's (pass `store.schema`). A client that gets
 * `client-older` must not write and should ask the user to reload.
 */
export function compareDocumentSchema(doc: Y.Doc, clientSchema: TLStoreSchema): SchemaComparison {
	const documentSchema = readDocumentSchema(doc);
	return documentSchema ? compareSchemas(documentSchema, clientSchema) : 'missing';
}

/** {@link compareDocumentSchema} for a schema already read from the document. */
export function compareSchemas(
	documentSchema: SerializedSchema,
	clientSchema: TLStoreSchema
): Exclude<SchemaComparison, 'missing'> {
	const clientSequences = clientSchema.serialize().sequences;
	for (const [sequenceId, version] of Object.entries(sequencesOf(documentSchema))) {
		const known = clientSequences[sequenceId];
		// A sequence the client lacks is a record or shape type it cannot show.
		if (known === undefined || version > known) return 'client-older';
	}
	const pending = clientSchema.getMigrationsSince(documentSchema);
	if (!pending.ok) return 'client-older';
	return pending.value.length > 0 ? 'document-older' : 'same';
}

/** The sequence versions of a serialized schema (V1, from tldraw 1 and early 2, converted as tldraw does). */
function sequencesOf(schema: SerializedSchema): Record<string, number> {
	if (schema.schemaVersion === 2) return schema.sequences;
	const sequences: Record<string, number> = { 'com.tldraw.store': schema.storeVersion };
	for (const [typeName, recordVersion] of Object.entries(schema.recordVersions)) {
		sequences[`com.tldraw.${typeName}`] = recordVersion.version;
		if ('subTypeVersions' in recordVersion) {
			for (const [subType, version] of Object.entries(recordVersion.subTypeVersions)) {
				sequences[`com.tldraw.${typeName}.${subType}`] = version;
			}
		}
	}
	return sequences;
}

/**
 * True for a value shaped like a tldraw record (an object with a string `id` and `typeName`).
 * This is a check of the envelope only: tldraw's migrations and validators judge the rest.
 */
export function isRecordEnvelope(value: unknown): value is TLRecord {
	return (
		typeof value === 'object' &&
		value !== null &&
		'id' in value &&
		typeof value.id === 'string' &&
		'typeName' in value &&
		typeof value.typeName === 'string'
	);
}
