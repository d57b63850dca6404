import type { RecordType, SerializedSchema } from '@tldraw/store';
import type { TLRecord, TLStore } from '@tldraw/tlschema';
import type * as Y from 'yjs';
import { compareSchemas, isRecordEnvelope, type SchemaComparison } from './canvas-document';
import { canvasRecords, observeDocumentMeta, readDocumentSchema } from './doc-layout';

// Binds a tldraw store to a canvas's Y.Doc. Plain TypeScript, no React, no DOM: the React island
// creates the store and the connection, this module keeps them equal.
//
//   doc → store  every record on load, then each remote transaction, through
//                store.mergeRemoteChanges (source 'remote': never on the local undo stack)
//   store → doc  local document-scoped changes (source 'user'), coalesced per record id and
//                written at most 30 times a second in one transaction with our origin
//
// A transaction with our origin is our own echo and is skipped; the store never sees its own
// writes come back, and remote merges never reach the 'user' listener, so nothing loops.

/** Local changes reach the doc at most this often: 30 flushes a second. */
export const DEFAULT_FLUSH_INTERVAL_MS = 1000 / 30;

/**
 * `waiting`: the document has no schema yet (not synced, or not created): nothing is loaded or
 * written. `live`: loaded, local edits are written. `read-only`: loaded, local edits are not
 * written (a viewer). `document-older`: loaded by migrating records up; not written until the
 * server has migrated the document. `client-older`: this page is older than the document:
 * nothing is loaded or written, the user must reload.
 */
export type BindingStatus = 'waiting' | 'live' | 'read-only' | 'document-older' | 'client-older';

export interface StoreBindingOptions {
	/** Origin of our Y transactions; a fresh object by default. */
	origin?: object;
	/** Least time between two writes to the doc. */
	flushIntervalMs?: number;
	/** Load and follow the document, but never write to it (viewers). */
	readOnly?: boolean;
	onStatus?: (status: BindingStatus) => void;
	/** The document's schema differs from this client's; `client-older` means: reload. */
	onSchemaMismatch?: (comparison: Extract<SchemaComparison, 'document-older' | 'client-older'>) => void;
	/** Records in the doc this client refused (not a tldraw record, or failed validation). */
	onRejectedRecords?: (ids: string[]) => void;
}

export interface StoreBinding {
	/** The origin of this binding's Y transactions. */
	readonly origin: object;
	status(): BindingStatus;
	/** Writes pending local changes now (tests; before unload). */
	flush(): void;
	/** Writes what is pending, then stops following both sides. */
	dispose(): void;
}

/**
 * Keeps `store` and the canvas document `doc` equal. Create the binding once the provider has
 * synced (or the offline copy has loaded); until the document has a schema the binding waits and
 * writes nothing, so a client never seeds an empty-looking document.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: StoreBindingOptions = {}): StoreBinding {
	const origin = options.origin ?? { name: 'tldraw store binding' };
	const flushInterval = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
	const records = canvasRecords(doc);
	const documentTypes: ReadonlySet<string> = store.scopedTypes.document;
	const documentRecordTypes = new Map<string, RecordType<TLRecord, never>>(
		Object.values(store.schema.types)
			.filter((type) => documentTypes.has(type.typeName))
			.map((type) => [type.typeName, type])
	);

	let status: BindingStatus = 'waiting';
	let loaded = false;
	/** The document's schema while it is older than ours: remote records are migrated up from it. */
	let olderDocumentSchema: SerializedSchema | undefined;
	/** Ids of records changed locally since the last flush; their current value is written. */
	const pending = new Set<TLRecord['id']>();
	let flushTimer: ReturnType<typeof setTimeout> | undefined;
	let lastFlushAt = Number.NEGATIVE_INFINITY;
	let disposed = false;

	function setStatus(next: BindingStatus) {
		if (next === status) return;
		status = next;
		// Only a live binding writes; what was pending is dropped, never written later.
		if (next !== 'live') pending.clear();
		options.onStatus?.(next);
		if (next === 'document-older' || next === 'client-older') options.onSchemaMismatch?.(next);
	}

	/** The typed id of a document-scoped record, from a key of the records map. */
	function documentRecordId(id: string): TLRecord['id'] | undefined {
		const recordType = documentRecordTypes.get(id.slice(0, id.indexOf(':')));
		return recordType?.isId(id) ? id : undefined;
	}

	/** A stored value as a record this store may hold, migrated up when the document is older. */
	function incomingRecord(id: string, value: unknown): TLRecord | undefined {
		if (!isRecordEnvelope(value) || value.id !== id || !documentTypes.has(value.typeName)) return undefined;
		if (!olderDocumentSchema) return value;
		const migrated = store.schema.migratePersistedRecord(value, olderDocumentSchema);
		return migrated.type === 'success' ? migrated.value : undefined;
	}

	function isValid(record: TLRecord): boolean {
		try {
			store.schema.validateRecord(store, record, 'initialize', null);
			return true;
		} catch {
			return false;
		}
	}

	/**
	 * Puts and removes records as remote changes. store.put validates every record and throws on
	 * the first bad one, rolling the whole merge back; validating each record up front as well would
	 * add half again to every load (≈ 50 ms for 4,000 shapes, bench/canvas-doc-layout.ts), so that
	 * check only runs when a merge fails.
	 */
	function mergeIntoStore(puts: TLRecord[], removals: TLRecord['id'][], rejected: string[]) {
		const merge = (toPut: TLRecord[]) =>
			store.mergeRemoteChanges(() => {
				if (removals.length > 0) store.remove(removals);
				if (toPut.length > 0) store.put(toPut);
			});
		if (puts.length > 0 || removals.length > 0) {
			try {
				merge(puts);
			} catch {
				const valid = puts.filter((record) => {
					if (isValid(record)) return true;
					rejected.push(record.id);
					return false;
				});
				merge(valid);
			}
		}
		if (rejected.length > 0) options.onRejectedRecords?.(rejected);
	}

	/** Replaces the store's document records with the doc's. */
	function loadDocument() {
		// Deliver changes the store still holds back (tldraw's own default page, say) while we
		// are not live yet, so they are dropped rather than written.
		store._flushHistory();
		const puts: TLRecord[] = [];
		const rejected: string[] = [];
		for (const [id, value] of records.entries()) {
			const record = incomingRecord(id, value);
			if (record) puts.push(record);
			else rejected.push(id);
		}
		const stale = store
			.allRecords()
			.filter((record) => documentTypes.has(record.typeName) && !records.has(record.id))
			.map((record) => record.id);
		mergeIntoStore(puts, stale, rejected);
		loaded = true;
	}

	/** Follows the document's schema: loads once it is there, stops writing when it differs. */
	function followSchema() {
		const documentSchema = readDocumentSchema(doc);
		if (!documentSchema) return;
		const comparison = compareSchemas(documentSchema, store.schema);
		if (comparison === 'client-older') {
			setStatus('client-older');
			return;
		}
		olderDocumentSchema = comparison === 'document-older' ? documentSchema : undefined;
		if (!loaded) loadDocument();
		if (comparison === 'document-older') setStatus('document-older');
		else setStatus(options.readOnly ? 'read-only' : 'live');
	}

	function applyRemoteChanges(changedIds: ReadonlySet<string>) {
		const puts: TLRecord[] = [];
		const removals: TLRecord['id'][] = [];
		const rejected: string[] = [];
		for (const id of changedIds) {
			const value = records.get(id);
			if (value === undefined) {
				const typedId = documentRecordId(id);
				if (typedId && store.has(typedId)) removals.push(typedId);
				continue;
			}
			const record = incomingRecord(id, value);
			if (record) puts.push(record);
			else rejected.push(id);
		}
		mergeIntoStore(puts, removals, rejected);
	}

	function flush() {
		if (disposed) return;
		// tldraw hands changes to listeners once per animation frame; collect the last frame's too.
		store._flushHistory();
		clearTimeout(flushTimer);
		flushTimer = undefined;
		if (pending.size === 0) return;
		const ids = [...pending];
		pending.clear();
		lastFlushAt = performance.now();
		doc.transact(() => {
			for (const id of ids) {
				// The store's value now, not the one at the time of the change: equal to what the
				// user sees, and unchanged records (a create undone before the flush) cost nothing.
				const record = store.get(id);
				if (!record) records.delete(id);
				else if (records.get(id) !== record) records.set(record);
			}
		}, origin);
	}

	function scheduleFlush() {
		if (flushTimer !== undefined || disposed) return;
		// Rounded up: timers count whole milliseconds, and 33 ms would make 30.3 flushes a second.
		const wait = Math.ceil(Math.max(0, lastFlushAt + flushInterval - performance.now()));
		// Always from a timer, never inside tldraw's listener: a write there would run every Y
		// observer (offline copy, provider, in tests another store's merge) inside tldraw's reaction.
		flushTimer = setTimeout(flush, wait);
	}

	const stopListening = store.listen(
		({ changes }) => {
			if (status !== 'live') return;
			for (const record of Object.values(changes.added)) pending.add(record.id);
			for (const [, to] of Object.values(changes.updated)) pending.add(to.id);
			for (const record of Object.values(changes.removed)) pending.add(record.id);
			scheduleFlush();
		},
		{ source: 'user', scope: 'document' }
	);

	const stopObservingRecords = records.observe((changedIds, transaction) => {
		if (transaction.origin === origin) return;
		// Records and schema may arrive in one transaction (the first sync); loading reads all.
		if (!loaded) followSchema();
		else if (status !== 'client-older') applyRemoteChanges(changedIds);
	});
	const stopObservingMeta = observeDocumentMeta(doc, (transaction) => {
		if (transaction.origin !== origin) followSchema();
	});

	followSchema();

	return {
		origin,
		status: () => status,
		flush,
		dispose() {
			flush();
			disposed = true;
			clearTimeout(flushTimer);
			stopListening();
			stopObservingRecords();
			stopObservingMeta();
		}
	};
}
