// The layout of a canvas's Y.Doc, in one place: the browser binding (store-binding.ts), the
// server (canvas-document.ts, the realtime rooms) and the benchmark all go through this module.
//
//   Y.Map 'tldraw_records'  record id → the plain JSON tldraw record (document scope only:
//                           document, pages, shapes, bindings, assets, users, custom records)
//   Y.Map 'tldraw_meta'     'schema' → tldraw's serialized schema the records are written in
//                           'layout' → LAYOUT_VERSION, so a later change of this layout is visible
//
// Session state (camera, selection, instance, pointer) stays in the browser; presence goes
// through awareness (presence.ts). Neither is ever written here.
//
// Why one Y.Map and not y-utility's YKeyValue — measured with bench/canvas-doc-layout.ts
// (Node 24, tldraw 5.1.1, yjs 13.6.33; 4,000 note/geo shapes, each created in its own
// transaction, then every shape moved 10 times, one shape per transaction, in canvas order):
//
//                                              Y.Map   YKeyValue
//   state after creating the shapes         1716 KiB    1689 KiB
//   state after 10 updates per shape (V1)   2091 KiB    1689 KiB
//     same, encodeStateAsUpdateV2           1704 KiB    1689 KiB
//   build: 4,000 one-shape transactions        49 ms      116 ms
//   40,000 one-shape updates                  288 ms     1468 ms
//   one transaction moving 100 shapes         0.4 ms      1.1 ms
//   load: state → fresh Y.Doc                  72 ms       36 ms
//   load: Y.Doc → tldraw store                103 ms       75 ms
//
// YKeyValue keeps the encoded state flat because an overwritten entry leaves no tombstone; a
// Y.Map keeps about 9 bytes per overwritten value (+22 % in V1 after ten rewrites of every shape
// of a 4,000-shape canvas, under 1 % with the V2 encoding) and decodes in twice the time. We still
// take the Y.Map: every YKeyValue write scans the whole array (5× slower updates here, and the
// gap grows with the canvas), its observer writes clean-up transactions of its own on every peer
// whenever two peers set the same record at once (extra traffic and local writes triggered by
// remote ones, which a binding must then tell apart from real edits), and it needs an O(n) index
// built on every load. A native Y.Map gets concurrent writes to one key right by itself, costs the
// same per write at 40 shapes or 40,000, and reports exactly the keys that changed. Our canvases
// are a workshop's sticky notes, far below 4,000 shapes, so the tombstone overhead stays small;
// the server can store snapshots in the V2 encoding, where it almost disappears.
import type { SerializedSchema } from '@tldraw/store';
import type { TLRecord } from '@tldraw/tlschema';
import type * as Y from 'yjs';
import { serializedSchemaSchema } from './schema';

/** The Y.Map holding every document-scoped tldraw record, keyed by record id. */
export const RECORDS_MAP_NAME = 'tldraw_records';
/** The Y.Map holding facts about the document: the schema its records are written in. */
export const META_MAP_NAME = 'tldraw_meta';
const SCHEMA_KEY = 'schema';
const LAYOUT_KEY = 'layout';

/** Version of this layout; written when a document is created (canvas-document.ts). */
export const LAYOUT_VERSION = 1;

/** The records of one canvas document, as stored: values are read as `unknown` (any peer wrote them). */
export interface CanvasRecords {
	readonly size: number;
	get(id: string): unknown;
	has(id: string): boolean;
	/** Every stored record id with its value. */
	entries(): IterableIterator<[string, unknown]>;
	/** Writes a record under its own id; wrap several writes in one `doc.transact`. */
	set(record: TLRecord): void;
	delete(id: string): void;
	/**
	 * Calls `listener` after every transaction that changed records, with the ids that changed
	 * (added, overwritten or deleted) and the transaction (its `origin` tells who wrote).
	 * Returns the function that stops listening.
	 */
	observe(listener: (changedIds: ReadonlySet<string>, transaction: Y.Transaction) => void): () => void;
}

function recordsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(RECORDS_MAP_NAME);
}

function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(META_MAP_NAME);
}

/** The record accessors of a canvas document. */
export function canvasRecords(doc: Y.Doc): CanvasRecords {
	const map = recordsMap(doc);
	return {
		get size() {
			return map.size;
		},
		get: (id) => map.get(id),
		has: (id) => map.has(id),
		entries: () => map.entries(),
		set: (record) => map.set(record.id, record),
		delete: (id) => map.delete(id),
		observe(listener) {
			const handler = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) =>
				listener(event.keysChanged, transaction);
			map.observe(handler);
			return () => map.unobserve(handler);
		}
	};
}

/**
 * The tldraw schema the document's records are written in; `undefined` while the document has
 * none (not synced yet, or never created) and when what is stored cannot be read as a schema.
 */
export function readDocumentSchema(doc: Y.Doc): SerializedSchema | undefined {
	const parsed = serializedSchemaSchema.safeParse(metaMap(doc).get(SCHEMA_KEY));
	return parsed.success ? parsed.data : undefined;
}

/** Records the schema the document's records are now written in (and this layout's version). */
export function writeDocumentSchema(doc: Y.Doc, schema: SerializedSchema): void {
	const meta = metaMap(doc);
	doc.transact(() => {
		meta.set(SCHEMA_KEY, schema);
		if (meta.get(LAYOUT_KEY) !== LAYOUT_VERSION) meta.set(LAYOUT_KEY, LAYOUT_VERSION);
	});
}

/** Calls `listener` after every transaction that changed the meta map; returns the unsubscribe. */
export function observeDocumentMeta(doc: Y.Doc, listener: (transaction: Y.Transaction) => void): () => void {
	const meta = metaMap(doc);
	const handler = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => listener(transaction);
	meta.observe(handler);
	return () => meta.unobserve(handler);
}

/** True for a document nobody has written to: no records, no meta. */
export function isEmptyCanvasDocument(doc: Y.Doc): boolean {
	return recordsMap(doc).size === 0 && metaMap(doc).size === 0;
}
