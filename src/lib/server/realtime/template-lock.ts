import * as Y from 'yjs';
import { RECORDS_MAP_NAME } from '$lib/canvas/doc-layout';
import { TEMPLATE_META_KEY } from '$lib/live/canvas-lock';

// The `template` canvas lock: participants keep writing notes, but the frames and headings of the
// design technique (shapes whose meta says `osTemplate: true`) are the facilitator's. The room
// inspects a participant's update before it is stored, without applying it, and refuses it whole
// when any part of it would overwrite, delete or create such a shape.
//
// Reading an update this way means following Yjs's own rules for where an item lands. An item
// carries its parent and key (`parentSub`) only when it has no neighbours; overwriting a map key
// gives the new item the old value as its left neighbour (`origin`), and then parent and key are
// not in the update at all: Yjs copies them from that neighbour when it integrates the item. So a
// participant moving a frame sends an item with `parent === null` and `parentSub === null` whose
// `origin` is the frame's current entry, and only resolving that origin shows it is the frame.
// Anything that cannot be resolved (a neighbour neither in the document nor in an accepted update)
// would wait in Yjs's pending structs and land later, where we can no longer see it: refused too.

/** True for a record value that belongs to a placed design technique. */
export function isTemplateRecord(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || !('meta' in value)) return false;
	const meta: unknown = value.meta;
	return typeof meta === 'object' && meta !== null && TEMPLATE_META_KEY in meta && meta[TEMPLATE_META_KEY] === true;
}

/**
 * Whether applying `update` to `doc` would create, overwrite or delete a template shape in the
 * records map. `unapplied` are updates already accepted but not yet in `doc` (being stored): an
 * honest client's next edit may build on them. Never changes `doc`; `update` must decode.
 */
export function touchesTemplate(doc: Y.Doc, update: Uint8Array, unapplied: readonly Uint8Array[] = []): boolean {
	const { structs, ds } = Y.decodeUpdate(update);
	const inspection = new UpdateInspection(doc, structs, unapplied);
	for (const struct of structs) {
		if (struct instanceof Y.Item && inspection.itemTouchesTemplate(struct)) return true;
	}
	for (const [client, ranges] of ds.clients) {
		for (const { clock, len } of ranges) {
			if (inspection.deletionTouchesTemplate(client, clock, len)) return true;
		}
	}
	return false;
}

/** Where an item lands: on one key of the records map, somewhere harmless, or we cannot tell. */
type Landing = { key: string } | 'elsewhere' | 'unknown';

type DecodedStruct = Y.Item | Y.GC | Y.Skip;

class UpdateInspection {
	readonly #doc: Y.Doc;
	readonly #records: Y.Map<unknown>;
	readonly #update: DecodedStructs;
	readonly #unappliedUpdates: readonly Uint8Array[];
	/** Decoded only when the document and the update itself do not hold a referenced struct. */
	#unapplied: DecodedStructs | undefined;

	constructor(doc: Y.Doc, structs: DecodedStruct[], unapplied: readonly Uint8Array[]) {
		this.#doc = doc;
		// getMap also turns a root Yjs created as a plain type (from a remote update) into the
		// Y.Map whose identity the document's items point at as their parent.
		this.#records = doc.getMap<unknown>(RECORDS_MAP_NAME);
		this.#update = new DecodedStructs(structs);
		this.#unappliedUpdates = unapplied;
	}

	itemTouchesTemplate(item: Y.Item): boolean {
		// Yjs skips what the document already has; so do we (a resent, once accepted item).
		if (item.id.clock + item.length <= this.#state(item.id.client)) return false;
		const landing = this.#landing(item, new Set());
		if (landing === 'unknown') return true;
		if (landing === 'elsewhere') return false;
		return (
			carriesTemplate(item) ||
			isTemplateRecord(this.#records.get(landing.key)) ||
			// The value it replaces may be a template not applied yet (its key not in the map yet).
			carriesTemplate(this.#neighbour(item.origin)) ||
			carriesTemplate(this.#neighbour(item.rightOrigin))
		);
	}

	deletionTouchesTemplate(client: number, clock: number, length: number): boolean {
		const end = clock + length;
		const state = this.#state(client);
		const structs = this.#doc.store.clients.get(client);
		if (clock < state && structs) {
			for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
				const struct = structs[index];
				if (!struct || struct.id.clock >= end) break;
				// Only a live entry is a record's current value; deleting an old one changes nothing.
				if (struct instanceof Y.Item && !struct.deleted && struct.parent === this.#records && carriesTemplate(struct)) {
					return true;
				}
			}
		}
		// Beyond what the document has, a deletion may only cover structs this update or an accepted
		// one brings; a range reaching further would delete whatever arrives there later.
		for (let at = Math.max(clock, state); at < end; ) {
			const struct = this.#findDecoded(Y.createID(client, at));
			if (!struct || carriesTemplate(struct)) return true;
			at = struct.id.clock + struct.length;
		}
		return false;
	}

	/** Where Yjs would put `item`, following its neighbours as Item#getMissing does. */
	#landing(item: Y.Item, seen: Set<Y.Item>): Landing {
		const parent: unknown = item.parent;
		if (parent instanceof Y.AbstractType) {
			// Already integrated in the document: its parent is the type itself.
			return parent === this.#records && item.parentSub !== null ? { key: item.parentSub } : 'elsewhere';
		}
		// In a decoded struct a root type is named by a string; an ID names a nested type, and no
		// record of ours is one.
		if (typeof parent === 'string') {
			return parent === RECORDS_MAP_NAME && item.parentSub !== null ? { key: item.parentSub } : 'elsewhere';
		}
		if (parent !== null) return 'elsewhere';
		if (seen.has(item)) return 'unknown';
		seen.add(item);
		const left = item.origin === null ? null : this.#find(item.origin);
		const right = item.rightOrigin === null ? null : this.#find(item.rightOrigin);
		if (left === undefined || right === undefined) return 'unknown';
		// A neighbour that was garbage collected: Yjs discards the item.
		if (left instanceof Y.GC || right instanceof Y.GC) return 'elsewhere';
		const neighbour = left ?? right;
		return neighbour ? this.#landing(neighbour, seen) : 'elsewhere';
	}

	#neighbour(id: Y.ID | null): Y.Item | Y.GC | undefined {
		return id === null ? undefined : this.#find(id);
	}

	/** The struct holding `id`: in the document, this update, or an accepted one; else undefined. */
	#find(id: Y.ID): Y.Item | Y.GC | undefined {
		if (id.clock < this.#state(id.client)) {
			const structs = this.#doc.store.clients.get(id.client);
			if (structs) return structs[Y.findIndexSS(structs, id.clock)];
		}
		return this.#findDecoded(id);
	}

	#findDecoded(id: Y.ID): Y.Item | Y.GC | undefined {
		const struct = this.#update.find(id) ?? this.#decodedUnapplied().find(id);
		// A Skip is a gap in an update: the struct itself is missing.
		return struct instanceof Y.Skip ? undefined : struct;
	}

	#decodedUnapplied(): DecodedStructs {
		this.#unapplied ??= new DecodedStructs(this.#unappliedUpdates.flatMap((update) => Y.decodeUpdate(update).structs));
		return this.#unapplied;
	}

	#state(client: number): number {
		return Y.getState(this.#doc.store, client);
	}
}

/** Decoded structs by client and clock. */
class DecodedStructs {
	readonly #byClient = new Map<number, DecodedStruct[]>();

	constructor(structs: DecodedStruct[]) {
		for (const struct of structs) {
			const list = this.#byClient.get(struct.id.client);
			if (list) list.push(struct);
			else this.#byClient.set(struct.id.client, [struct]);
		}
		for (const list of this.#byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	}

	find(id: Y.ID): DecodedStruct | undefined {
		const list = this.#byClient.get(id.client) ?? [];
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const struct = list[middle];
			if (!struct) break;
			if (id.clock < struct.id.clock) high = middle - 1;
			else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
			else return struct;
		}
		return undefined;
	}
}

function carriesTemplate(struct: Y.Item | Y.GC | undefined): boolean {
	return struct instanceof Y.Item && struct.content.getContent().some(isTemplateRecord);
}
