import {
	InstancePageStateRecordType,
	InstancePresenceRecordType,
	isShapeId,
	PageRecordType,
	TLINSTANCE_ID,
	TLPOINTER_ID,
	type TLInstancePresence,
	type TLStore
} from '@tldraw/tlschema';
import type { Awareness } from 'y-protocols/awareness';
import { MAX_PRESENCE_SELECTION, presenceStateSchema, type PresenceState } from './schema';

// Presence through y-protocols awareness: who is here, where their cursor is, what they look at.
// Each peer publishes a small PresenceState (never a full tldraw record) at most 20 times a
// second; every peer turns the others' states into tldraw `instance_presence` records, which
// tldraw draws as cursors and selections. Presence never touches the Y.Doc, so it is never stored.

/** The awareness field our presence lives under (the provider may add fields of its own). */
export const PRESENCE_FIELD = 'canvas';

/** Presence goes out, and comes in to the store, at most this often: 20 times a second. */
export const DEFAULT_PRESENCE_INTERVAL_MS = 50;

export interface PresenceOptions {
	/** The name others see at this person's cursor; a function is read at every publish. */
	name: string | (() => string);
	/** A `#rrggbb` colour; a function is read at every publish. */
	color: string | (() => string);
	/** Least time between two publishes, and between two updates of the store. */
	intervalMs?: number;
	/**
	 * Whether cursors are shared now; read at every publish and update (true by default). When
	 * false this browser publishes no cursor and draws none of the peers' (names stay listed).
	 */
	showCursors?: () => boolean;
}

export interface PresenceBinding {
	/** Publishes again soon (after a change of name or colour). */
	publish(): void;
	/** Publishes ours and redraws all peers' presence soon (after `showCursors` changed). */
	refresh(): void;
	/** Publishes our state and applies the peers' now (tests). */
	flush(): void;
	/** Withdraws our presence, removes the peers' records from the store and stops. */
	dispose(): void;
}

function read(value: string | (() => string)): string {
	return typeof value === 'function' ? value() : value;
}

/** One decimal of a page coordinate is finer than any screen shows. */
function round(value: number): number {
	return Math.round(value * 10) / 10;
}

/** The id of a peer's presence record. */
export function presenceRecordId(clientId: number): TLInstancePresence['id'] {
	return InstancePresenceRecordType.createId(`awareness-${clientId}`);
}

/** A peer's published state as the record tldraw draws; undefined when it names no real page. */
export function presenceRecord(clientId: number, state: PresenceState, now: number): TLInstancePresence | undefined {
	if (!PageRecordType.isId(state.pageId)) return undefined;
	return InstancePresenceRecordType.create({
		id: presenceRecordId(clientId),
		// Never equal to the local user's id, which tldraw leaves out of its collaborators.
		userId: `awareness-${clientId}`,
		userName: state.name,
		color: state.color,
		currentPageId: state.pageId,
		cursor: state.cursor ? { ...state.cursor, type: 'default', rotation: 0 } : null,
		selectedShapeIds: state.selection.filter((id) => isShapeId(id)),
		// When we heard from them: tldraw fades out peers that have been still for a while.
		lastActivityTimestamp: now
	});
}

/**
 * Publishes the local user's presence from `store` into `awareness` and mirrors the peers'
 * presence into `store`. Start it once the store binding has loaded the document: tldraw
 * creates a default page when a merge meets an empty store.
 */
export function bindPresence(store: TLStore, awareness: Awareness, options: PresenceOptions): PresenceBinding {
	const interval = options.intervalMs ?? DEFAULT_PRESENCE_INTERVAL_MS;
	const showCursors = options.showCursors ?? (() => true);
	let disposed = false;

	function localState(): PresenceState | undefined {
		const instance = store.get(TLINSTANCE_ID);
		if (!instance) return undefined;
		const pageState = store.get(InstancePageStateRecordType.createId(instance.currentPageId));
		const pointer = store.get(TLPOINTER_ID);
		return {
			name: read(options.name),
			color: read(options.color),
			pageId: instance.currentPageId,
			cursor: pointer && showCursors() ? { x: round(pointer.x), y: round(pointer.y) } : null,
			selection: (pageState?.selectedShapeIds ?? []).slice(0, MAX_PRESENCE_SELECTION)
		};
	}

	// Outgoing: a throttle, so a moving pointer (tldraw updates it every frame) costs ≤ 20 messages a second.
	let lastPublished = '';
	let lastPublishAt = Number.NEGATIVE_INFINITY;
	let publishTimer: ReturnType<typeof setTimeout> | undefined;

	function publishNow() {
		clearTimeout(publishTimer);
		publishTimer = undefined;
		const state = localState();
		if (!state) return;
		const serialized = JSON.stringify(state);
		if (serialized === lastPublished) return;
		lastPublished = serialized;
		lastPublishAt = performance.now();
		awareness.setLocalStateField(PRESENCE_FIELD, state);
	}

	function schedulePublish() {
		if (publishTimer !== undefined || disposed) return;
		publishTimer = setTimeout(publishNow, Math.ceil(Math.max(0, lastPublishAt + interval - performance.now())));
	}

	// Incoming: peers changed since the last update of the store, applied together.
	const changedPeers = new Set<number>();
	let applyTimer: ReturnType<typeof setTimeout> | undefined;
	let lastApplyAt = Number.NEGATIVE_INFINITY;

	function applyPeers() {
		clearTimeout(applyTimer);
		applyTimer = undefined;
		if (changedPeers.size === 0) return;
		const states = awareness.getStates();
		const now = Date.now();
		const cursors = showCursors();
		const puts: TLInstancePresence[] = [];
		const removals: TLInstancePresence['id'][] = [];
		for (const clientId of changedPeers) {
			const parsed = presenceStateSchema.safeParse(states.get(clientId)?.[PRESENCE_FIELD]);
			const state = !parsed.success ? undefined : cursors ? parsed.data : { ...parsed.data, cursor: null };
			const record = state ? presenceRecord(clientId, state, now) : undefined;
			if (record) puts.push(record);
			else if (store.has(presenceRecordId(clientId))) removals.push(presenceRecordId(clientId));
		}
		changedPeers.clear();
		lastApplyAt = performance.now();
		if (puts.length === 0 && removals.length === 0) return;
		store.mergeRemoteChanges(() => {
			if (removals.length > 0) store.remove(removals);
			if (puts.length > 0) store.put(puts);
		});
	}

	function scheduleApply() {
		if (applyTimer !== undefined || disposed) return;
		applyTimer = setTimeout(applyPeers, Math.ceil(Math.max(0, lastApplyAt + interval - performance.now())));
	}

	const onAwarenessChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
		for (const clientId of [...added, ...updated, ...removed]) {
			if (clientId !== awareness.clientID) changedPeers.add(clientId);
		}
		if (changedPeers.size > 0) scheduleApply();
	};
	awareness.on('change', onAwarenessChange);

	// Pointer, current page and selection are session records: the only ones presence reads.
	const stopListening = store.listen(schedulePublish, { scope: 'session', source: 'user' });

	function refresh() {
		for (const clientId of awareness.getStates().keys()) {
			if (clientId !== awareness.clientID) changedPeers.add(clientId);
		}
		scheduleApply();
		schedulePublish();
	}
	refresh();

	return {
		publish: schedulePublish,
		refresh,
		flush() {
			store._flushHistory();
			publishNow();
			applyPeers();
		},
		dispose() {
			disposed = true;
			clearTimeout(publishTimer);
			clearTimeout(applyTimer);
			stopListening();
			awareness.off('change', onAwarenessChange);
			awareness.setLocalStateField(PRESENCE_FIELD, null);
			const ours = store.query.ids('instance_presence').get();
			if (ours.size > 0) store.mergeRemoteChanges(() => store.remove([...ours]));
		}
	};
}
