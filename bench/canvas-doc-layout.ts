// Which Y.Doc layout holds a canvas's tldraw records best: one Y.Map (key = record id, value =
// the plain JSON record) or y-utility's YKeyValue (an append-only Y.Array of { key, val } pairs)?
// Builds the same 4,000-shape canvas in both, updates every shape 10 times, and loads the result
// into a fresh Y.Doc and a tldraw store. Prints figures; asserts nothing. The choice and its
// reason are written at the top of src/lib/canvas/doc-layout.ts.
//
//   npx node bench/canvas-doc-layout.ts
//   (Node 24 strips the types itself; SHAPES=… and ROUNDS=… change the size.)
import { createTLStore } from '@tldraw/editor';
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema';
import { getIndices } from '@tldraw/utils';
import { YKeyValue } from 'y-utility/y-keyvalue';
import * as Y from 'yjs';
import { geoShape, noteShape, TEST_PAGE_ID } from '../src/lib/canvas/test-factories.ts';

const SHAPES = Number(process.env.SHAPES ?? 4_000);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const LOAD_REPEATS = 5;

/** The little a layout has to do for this comparison. */
interface Layout {
	name: string;
	/** Writes (or overwrites) records in one transaction. */
	write(doc: Y.Doc, records: TLRecord[]): void;
	/** Every record of a doc just decoded from its state (includes any index building). */
	readAll(doc: Y.Doc): TLRecord[];
}

const mapLayout: Layout = {
	name: 'Y.Map',
	write(doc, records) {
		const map = doc.getMap<TLRecord>('tldraw_records');
		doc.transact(() => {
			for (const record of records) map.set(record.id, record);
		});
	},
	readAll(doc) {
		return [...doc.getMap<TLRecord>('tldraw_records').values()];
	}
};

// YKeyValue keeps an index (key → entry) that must be built once per doc; the writer reuses it.
const keyValues = new WeakMap<Y.Doc, YKeyValue<TLRecord>>();
function keyValueOf(doc: Y.Doc): YKeyValue<TLRecord> {
	let keyValue = keyValues.get(doc);
	if (!keyValue) {
		keyValue = new YKeyValue(doc.getArray<{ key: string; val: TLRecord }>('tldraw_records'));
		keyValues.set(doc, keyValue);
	}
	return keyValue;
}

const keyValueLayout: Layout = {
	name: 'YKeyValue',
	write(doc, records) {
		const keyValue = keyValueOf(doc);
		doc.transact(() => {
			for (const record of records) keyValue.set(record.id, record);
		});
	},
	readAll(doc) {
		return [...keyValueOf(doc).map.values()].map((entry) => entry.val);
	}
};

function canvasShapes(count: number): TLRecord[] {
	// getIndices(n) returns n + 1 keys (it includes its start).
	const indices = getIndices(count).slice(1);
	return indices.map((index, i) => {
		const placement = { x: (i % 80) * 220, y: Math.floor(i / 80) * 140, index };
		return i % 2 === 0 ? noteShape(`Idee ${i}`, placement) : geoShape(`Thema ${i}`, placement);
	});
}

const baseRecords: TLRecord[] = [
	DocumentRecordType.create({ id: TLDOCUMENT_ID }),
	PageRecordType.create({ id: TEST_PAGE_ID, name: 'Pagina 1', index: getIndices(1)[0]! })
];

function kib(bytes: number): string {
	return `${(bytes / 1024).toFixed(0)} KiB`;
}

function ms(value: number): string {
	return `${value.toFixed(0)} ms`;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time<T>(fn: () => T): [T, number] {
	const started = performance.now();
	const result = fn();
	return [result, performance.now() - started];
}

function run(layout: Layout) {
	const shapes = canvasShapes(SHAPES);
	const doc = new Y.Doc({ gc: true });

	// Built as people build a canvas: one record per flush.
	const [, buildMs] = time(() => {
		layout.write(doc, baseRecords);
		for (const shape of shapes) layout.write(doc, [shape]);
	});
	const builtBytes = Y.encodeStateAsUpdate(doc).byteLength;

	// Every shape moved ROUNDS times, one move per flush, in canvas order each round: the
	// alternating pattern that makes a Y.Map keep one tombstone per overwritten value.
	let current = shapes;
	const [, updateMs] = time(() => {
		for (let round = 1; round <= ROUNDS; round++) {
			current = current.map((shape) => ({ ...shape, x: shape.x + 10 }));
			for (const shape of current) layout.write(doc, [shape]);
		}
	});
	const state = Y.encodeStateAsUpdate(doc);
	const stateV2Bytes = Y.encodeStateAsUpdateV2(doc).byteLength;

	// A batch flush: 100 shapes moved in one transaction (a multi-select drag).
	const [, batchMs] = time(() => layout.write(doc, current.slice(0, 100).map((s) => ({ ...s, y: s.y + 5 }))));

	const decodeTimes: number[] = [];
	const validateTimes: number[] = [];
	const storeTimes: number[] = [];
	let loadedCount = 0;
	for (let repeat = 0; repeat < LOAD_REPEATS; repeat++) {
		const fresh = new Y.Doc({ gc: true });
		const [, decodeMs] = time(() => Y.applyUpdate(fresh, state));
		const store = createTLStore({});
		const [records, storeMs] = time(() => {
			const records = layout.readAll(fresh);
			store.mergeRemoteChanges(() => store.put(records));
			return records;
		});
		// The binding checks each remote record before it reaches the store (one bad record
		// must not abort a whole merge); this is what that extra pass costs.
		const [, validateMs] = time(() => {
			for (const record of records) store.schema.types[record.typeName].validate(record);
		});
		validateTimes.push(validateMs);
		loadedCount = store.query.records('shape').get().length;
		decodeTimes.push(decodeMs);
		storeTimes.push(storeMs);
		store.dispose();
		fresh.destroy();
	}

	return {
		layout: layout.name,
		builtBytes,
		updatedBytes: state.byteLength,
		stateV2Bytes,
		buildMs,
		updateMs,
		batchMs,
		decodeMs: median(decodeTimes),
		storeMs: median(storeTimes),
		validateMs: median(validateTimes),
		loadedCount
	};
}

console.log(`Canvas doc layout: ${SHAPES} note/geo shapes, ${ROUNDS} updates each (Node ${process.version})\n`);
const results = [run(mapLayout), run(keyValueLayout)];
const rows: [string, (r: (typeof results)[number]) => string][] = [
	['state after creating the shapes', (r) => kib(r.builtBytes)],
	[`state after ${ROUNDS} updates per shape (V1)`, (r) => kib(r.updatedBytes)],
	[`  same, encodeStateAsUpdateV2`, (r) => kib(r.stateV2Bytes)],
	[`build: ${SHAPES} one-shape transactions`, (r) => ms(r.buildMs)],
	[`${SHAPES * ROUNDS} one-shape updates`, (r) => ms(r.updateMs)],
	['one transaction moving 100 shapes', (r) => `${r.batchMs.toFixed(1)} ms`],
	['load: state → fresh Y.Doc (median)', (r) => ms(r.decodeMs)],
	['load: Y.Doc → tldraw store (median)', (r) => ms(r.storeMs)],
	['  extra validation pass over all records', (r) => ms(r.validateMs)],
	['shapes in the loaded store', (r) => String(r.loadedCount)]
];
const width = Math.max(...rows.map(([label]) => label.length)) + 2;
console.log(''.padEnd(width) + results.map((r) => r.layout.padStart(12)).join(''));
for (const [label, value] of rows) {
	console.log(label.padEnd(width) + results.map((r) => value(r).padStart(12)).join(''));
}

// Importing @tldraw/editor leaves a timer running that would keep Node alive.
process.exit(0);
