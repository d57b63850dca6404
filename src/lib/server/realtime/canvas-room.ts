import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { CanvasLock } from '$lib/live/canvas-lock';
import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { appendUpdates, compactCanvas, deleteUpdate, loadCanvas, replayCanvas } from './canvas-store';
import type { RealtimeLimits } from './limits';
import type { RoomClaims } from './room-token';
import { touchesTemplate } from './template-lock';

/** Presence ids one connection may hold: a tab has one, a reconnect may briefly add another. */
const MAX_PRESENCES_PER_CONNECTION = 4;

// The y-websocket protocol's message types (see y-websocket's client provider).
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** How much each lock withholds from participants, to tell a loosening from a tightening. */
const LOCK_STRICTNESS: Record<CanvasLock, number> = { open: 0, template: 1, 'read-only': 2 };

/** One member's socket as the room sees it; the websocket endpoint provides it. */
export interface RoomConnection {
	readonly claims: RoomClaims;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

/** Close codes the client can act on; reasons are Dutch because they may reach the screen. */
export const CloseCode = {
	/** Malformed frame, oversized presence, too many messages: the client is misbehaving. */
	policy: 1008,
	/** The canvas is full. 44xx: the y-websocket client stops reconnecting by itself. */
	documentFull: 4413,
	/** Saving failed: reconnect later, the client keeps its work and re-sends it. */
	storageFailed: 1011,
	goingAway: 1001,
	/** Access withdrawn since the token was issued (44xx: no automatic reconnect). */
	accessWithdrawn: 4403
} as const;

/** A frame the room cannot accept; the connection that sent it is closed with `code`. */
export class ProtocolError extends Error {
	constructor(
		readonly code: number,
		readonly reason: string
	) {
		super(reason);
	}
}

/**
 * Prepares a document right after it is loaded: creates the initial records of a new canvas, or
 * migrates an older stored one. Whatever it changes is persisted before anyone sees it.
 */
export type DocumentPreparer = (doc: Y.Doc, isNew: boolean) => void;

/** Called after every commit of the update log (for benchmarks and metrics). */
export type CommitObserver = (rows: number, milliseconds: number) => void;

/** What a room needs from the process around it. */
export interface RoomContext {
	sql: Sql;
	log: Logger;
	limits: RealtimeLimits;
	prepare: DocumentPreparer;
	onCommit?: CommitObserver;
	/** Called when the room must be reloaded from storage (see #flush). */
	onBroken?: (room: CanvasRoom) => void;
}

interface PendingUpdate {
	update: Uint8Array;
	from: RoomConnection;
}

/**
 * One canvas in memory: its Y.Doc, the members' presence and their sockets. Every accepted
 * update is committed to PostgreSQL first and only then applied and broadcast, so nobody ever
 * sees an edit that a crash could lose. Updates arriving in the same tick share one commit.
 */
export class CanvasRoom {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	/** Each member with the awareness client ids it controls (removed when it leaves). */
	readonly #members = new Map<RoomConnection, Set<number>>();
	#queue: PendingUpdate[] = [];
	/** The batch being stored now: accepted, but not in the document until it is committed. */
	#storing: PendingUpdate[] = [];
	#lock: CanvasLock;
	readonly #awarenessChanged = new Set<number>();
	#awarenessTimer: NodeJS.Timeout | undefined;
	/** The whole document encoded, for joiners who have nothing yet; dropped on every change. */
	#fullState: Uint8Array | undefined;
	#flushScheduled = false;
	/** Serialises every database write of this room: appends and compactions, in order. */
	#chain: Promise<void> = Promise.resolve();
	#lastSeq: number;
	#rowsSinceSnapshot: number;
	#bytesSinceSnapshot: number;
	#storedBytes: number;
	#closed = false;
	/** Set when an accepted update could not be applied; the room must be reloaded from storage. */
	#broken = false;
	/** While an update is being applied: what it produced, sent only once the apply succeeded. */
	#holdBroadcast: Uint8Array[] | undefined;

	private readonly sql: Sql;
	private readonly log: Logger;
	private readonly limits: RealtimeLimits;
	private readonly onCommit: CommitObserver | undefined;
	private readonly onBroken: ((room: CanvasRoom) => void) | undefined;

	private constructor(
		readonly canvasId: string,
		context: RoomContext,
		stored: { lastSeq: number; rows: number; rowBytes: number; storedBytes: number; lock: CanvasLock }
	) {
		this.sql = context.sql;
		this.log = context.log;
		this.limits = context.limits;
		this.onCommit = context.onCommit;
		this.onBroken = context.onBroken;
		this.#lastSeq = stored.lastSeq;
		this.#rowsSinceSnapshot = stored.rows;
		this.#bytesSinceSnapshot = stored.rowBytes;
		this.#storedBytes = stored.storedBytes;
		this.#lock = stored.lock;
		// The server holds no presence of its own.
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#broadcastUpdate(update, origin));
		this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.#onAwareness(change, origin));
	}

	/**
	 * Loads a canvas from its snapshot and log, lets `prepare` create or migrate it, and persists
	 * what that changed. Null for an unknown canvas.
	 */
	static async load(canvasId: string, context: RoomContext): Promise<CanvasRoom | null> {
		const stored = await loadCanvas(context.sql, canvasId);
		if (!stored) return null;
		const rowBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
		const room = new CanvasRoom(canvasId, context, {
			lastSeq: stored.lastSeq,
			rows: stored.updates.length,
			rowBytes,
			storedBytes: stored.storedBytes,
			lock: stored.lock
		});
		try {
			replayCanvas(
				room.doc,
				stored,
				(error) => context.log.error({ err: error, canvasId }, 'skipped a stored canvas update that cannot be applied'),
				room
			);
		} catch (error) {
			room.#free();
			throw error;
		}

		const changes: Uint8Array[] = [];
		const collect = (update: Uint8Array) => changes.push(update);
		room.doc.on('update', collect);
		try {
			context.prepare(room.doc, stored.snapshot === null && stored.updates.length === 0);
			if (changes.length > 0) await room.#persist([Y.mergeUpdates(changes)]);
		} catch (error) {
			room.#free();
			throw error;
		} finally {
			room.doc.off('update', collect);
		}
		return room;
	}

	/** Number of members connected now. */
	get size(): number {
		return this.#members.size;
	}

	/** Bytes the canvas takes in storage (snapshot plus log). */
	get storedBytes(): number {
		return this.#storedBytes;
	}

	/** Sequence number of the last update committed. */
	get lastSeq(): number {
		return this.#lastSeq;
	}

	/** Who may change what in this canvas now (staff always may). */
	get lock(): CanvasLock {
		return this.#lock;
	}

	/**
	 * Applies a new lock to every update received from now on. On a loosening, every editor but
	 * staff is asked for what the server lacks: a browser whose edits were dropped keeps them and believes
	 * them sent (and builds its next edits on them, which the server cannot place), so it hands them
	 * in again now that they may be accepted.
	 */
	setLock(lock: CanvasLock): void {
		const loosened = LOCK_STRICTNESS[lock] < LOCK_STRICTNESS[this.#lock];
		this.#lock = lock;
		if (!loosened || this.#closed) return;
		const request = encoding.createEncoder();
		encoding.writeVarUint(request, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(request, this.doc);
		const message = encoding.toUint8Array(request);
		for (const member of this.#members.keys()) {
			if (member.claims.role === 'editor' && !isStaff(member.claims)) safeSend(member, message);
		}
	}

	/** Adds a member and starts the sync: our state vector, and everyone's presence. */
	join(connection: RoomConnection): void {
		if (this.#closed) throw new Error('room is closed');
		this.#members.set(connection, new Set());
		const sync = encoding.createEncoder();
		encoding.writeVarUint(sync, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(sync, this.doc);
		connection.send(encoding.toUint8Array(sync));
		const states = [...this.awareness.getStates().keys()];
		if (states.length > 0) connection.send(this.#awarenessMessage(states));
	}

	/** Removes a member and its presence. */
	leave(connection: RoomConnection): void {
		const clients = this.#members.get(connection);
		if (!clients) return;
		this.#members.delete(connection);
		if (clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
	}

	/** All members, for access re-checks. */
	members(): RoomConnection[] {
		return [...this.#members.keys()];
	}

	/**
	 * Handles one frame from a member. Throws ProtocolError for anything malformed or not
	 * allowed; the caller closes that connection. Never changes the document on bad input.
	 */
	receive(connection: RoomConnection, message: Uint8Array): void {
		if (!this.#members.has(connection)) return;
		const decoder = decoding.createDecoder(message);
		const type = readOrFail(() => decoding.readVarUint(decoder));
		switch (type) {
			case MESSAGE_SYNC:
				this.#receiveSync(connection, decoder);
				break;
			case MESSAGE_AWARENESS:
				this.#receiveAwareness(connection, decoder);
				break;
			case MESSAGE_QUERY_AWARENESS:
				connection.send(this.#awarenessMessage([...this.awareness.getStates().keys()]));
				break;
			default:
				throw new ProtocolError(CloseCode.policy, 'Onbekend berichttype.');
		}
	}

	#receiveSync(connection: RoomConnection, decoder: decoding.Decoder): void {
		const kind = readOrFail(() => decoding.readVarUint(decoder));
		if (kind === syncProtocol.messageYjsSyncStep1) {
			const stateVector = readOrFail(() => decoding.readVarUint8Array(decoder));
			const known = readOrFail(() => Y.decodeStateVector(stateVector));
			// Only committed updates are in the doc, so this answer holds nothing a crash could lose.
			// A newcomer knows nothing: in a join storm they all share one encoding of the document.
			const update =
				known.size === 0
					? (this.#fullState ??= Y.encodeStateAsUpdate(this.doc))
					: Y.encodeStateAsUpdate(this.doc, stateVector);
			const reply = encoding.createEncoder();
			encoding.writeVarUint(reply, MESSAGE_SYNC);
			encoding.writeVarUint(reply, syncProtocol.messageYjsSyncStep2);
			encoding.writeVarUint8Array(reply, update);
			connection.send(encoding.toUint8Array(reply));
			return;
		}
		if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
			throw new ProtocolError(CloseCode.policy, 'Onbekend synchronisatiebericht.');
		}
		const update = readOrFail(() => decoding.readVarUint8Array(decoder));
		// Viewers may read along; what they send is dropped without a word.
		if (connection.claims.role !== 'editor') return;
		// A step 2 that holds nothing new is two bytes: skip it instead of logging a row.
		if (update.byteLength <= 2 && isEmptyUpdate(update)) return;
		const staff = isStaff(connection.claims);
		// The same silence for a locked canvas: a browser that follows the lock sends nothing here,
		// so this is an edit in flight while the lock was set, or a client ignoring it.
		if (this.#lock === 'read-only' && !staff) {
			this.log.debug({ canvasId: this.canvasId, subject: connection.claims.sub }, 'dropped an update: canvas is read-only');
			return;
		}
		readOrFail(() => Y.decodeUpdate(update));
		if (this.#lock === 'template' && !staff && this.#touchesTemplate(update)) {
			this.log.info({ canvasId: this.canvasId, subject: connection.claims.sub }, 'refused an update that changes the template');
			return;
		}
		if (this.#storedBytes + update.byteLength > this.limits.maxDocumentBytes) {
			throw new ProtocolError(CloseCode.documentFull, 'Dit canvas is te groot geworden; er kan niets meer bij.');
		}
		this.#storedBytes += update.byteLength;
		this.#queue.push({ update, from: connection });
		this.#scheduleFlush();
	}

	/** Checked against the document plus every accepted update it does not hold yet. */
	#touchesTemplate(update: Uint8Array): boolean {
		const accepted = [...this.#storing, ...this.#queue].map((pending) => pending.update);
		try {
			return touchesTemplate(this.doc, update, accepted);
		} catch (error) {
			// An update we cannot read through is one we cannot vouch for.
			this.log.warn({ err: error, canvasId: this.canvasId }, 'could not inspect an update under the template lock');
			return true;
		}
	}

	#receiveAwareness(connection: RoomConnection, decoder: decoding.Decoder): void {
		const update = readOrFail(() => decoding.readVarUint8Array(decoder));
		const own = this.#members.get(connection);
		const refuse = (reason: string) => {
			throw new ProtocolError(CloseCode.policy, reason);
		};
		// A member may only speak for its own presence, never remove or overwrite someone else's.
		// The y-websocket client echoes everyone's states back (the whole room's on joining) with
		// their current clock; that is harmless: an equal clock changes nothing. The size limit is
		// per person, so that echo grows with the room without tripping it.
		let claimed = own?.size ?? 0;
		for (const { client, clock, state, bytes } of readOrFail(() => awarenessEntries(update))) {
			if (bytes > this.limits.maxAwarenessBytes) refuse('Aanwezigheidsbericht is te groot.');
			if (client === this.awareness.clientID) refuse('Aanwezigheid van een ander kan niet worden aangepast.');
			if (own?.has(client)) continue;
			const owner = this.#ownerOf(client);
			const known = this.awareness.meta.get(client)?.clock ?? -1;
			if (owner === undefined) {
				// A new (or returning) person on this connection; one browser tab is one or two ids.
				if (clock > known && ++claimed > MAX_PRESENCES_PER_CONNECTION) refuse('Te veel aanwezigheden op één verbinding.');
				continue;
			}
			if (clock > known || (clock === known && state === null)) {
				refuse('Aanwezigheid van een ander kan niet worden aangepast.');
			}
		}
		readOrFail(() => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection));
	}

	#ownerOf(client: number): RoomConnection | undefined {
		for (const [member, clients] of this.#members) if (clients.has(client)) return member;
		return undefined;
	}

	#onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
		const own = this.#members.get(origin as RoomConnection);
		if (own) {
			// A returning person's id is "updated", not "added" (the server still knew its clock):
			// whoever sends a newer state for an id nobody owns takes it.
			for (const client of [...added, ...updated]) if (this.#ownerOf(client) === undefined) own.add(client);
			for (const client of removed) own.delete(client);
		}
		for (const client of [...added, ...updated, ...removed]) this.#awarenessChanged.add(client);
		// Presence, not edits, is what overloads a collaborative server: n people moving cursors
		// make n² messages. Changes are gathered and sent as one message per member per window.
		this.#awarenessTimer ??= setTimeout(() => this.#flushAwareness(), this.limits.presenceWindowMs);
	}

	#flushAwareness(): void {
		this.#awarenessTimer = undefined;
		if (this.#awarenessChanged.size === 0) return;
		const message = this.#awarenessMessage([...this.#awarenessChanged]);
		this.#awarenessChanged.clear();
		// Members get their own state back too; an equal clock changes nothing on their side.
		for (const member of this.#members.keys()) safeSend(member, message);
	}

	#awarenessMessage(clients: number[]): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
		return encoding.toUint8Array(encoder);
	}

	#broadcastUpdate(update: Uint8Array, origin: unknown): void {
		this.#fullState = undefined;
		if (origin === this) return; // loading
		if (this.#holdBroadcast) {
			this.#holdBroadcast.push(update);
			return;
		}
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeUpdate(encoder, update);
		const message = encoding.toUint8Array(encoder);
		for (const member of this.#members.keys()) if (member !== origin) safeSend(member, message);
	}

	#scheduleFlush(): void {
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		// Everything that arrives before the next turn of the event loop goes into one commit.
		setImmediate(() => {
			this.#flushScheduled = false;
			this.#chain = this.#chain.then(() => this.#flush()).catch((error: unknown) => {
				this.log.error({ err: error, canvasId: this.canvasId }, 'canvas flush failed');
			});
		});
	}

	async #flush(): Promise<void> {
		const batch = this.#queue;
		this.#queue = [];
		if (batch.length === 0) return;
		this.#storing = batch;
		let applied: boolean;
		try {
			applied = await this.#storeAndApply(batch);
		} finally {
			this.#storing = [];
		}
		if (applied) await this.#compactIfDue();
	}

	/**
	 * Stores a batch, then applies and broadcasts it. False when it could not be stored, or when
	 * an update in it could not be applied (the room then has to be reloaded).
	 */
	async #storeAndApply(batch: PendingUpdate[]): Promise<boolean> {
		try {
			await this.#persist(batch.map((pending) => pending.update));
		} catch (error) {
			this.log.error({ err: error, canvasId: this.canvasId, updates: batch.length }, 'could not store canvas updates');
			for (const pending of batch) this.#storedBytes -= pending.update.byteLength;
			// Not accepted: the senders still have their edits and send them again after reconnecting.
			for (const sender of new Set(batch.map((pending) => pending.from))) {
				sender.close(CloseCode.storageFailed, 'Opslaan lukte even niet; je werk wordt opnieuw verstuurd.');
			}
			return false;
		}
		const first = this.#lastSeq - batch.length + 1;
		for (const [index, { update, from }] of batch.entries()) {
			// Held back until the apply has succeeded: a half-applied update must reach nobody.
			const produced: Uint8Array[] = [];
			this.#holdBroadcast = produced;
			try {
				Y.applyUpdate(this.doc, update, from);
				this.#holdBroadcast = undefined;
				for (const change of produced) this.#broadcastUpdate(change, from);
			} catch (error) {
				this.#holdBroadcast = undefined;
				// Yjs decoded it but cannot integrate it (a crafted update): take it back out of the
				// log, send the sender away, and reload the canvas from what is stored, because a
				// failed apply may have left part of it in memory.
				this.log.warn({ err: error, canvasId: this.canvasId, subject: from.claims.sub }, 'refused an update Yjs cannot apply');
				await deleteUpdate(this.sql, this.canvasId, first + index);
				from.close(CloseCode.policy, 'Onleesbaar bericht.');
				this.#broken = true;
				this.onBroken?.(this);
				return false;
			}
		}
		return true;
	}

	async #persist(updates: Uint8Array[]): Promise<void> {
		const started = performance.now();
		this.#lastSeq = await appendUpdates(this.sql, this.canvasId, updates);
		this.onCommit?.(updates.length, performance.now() - started);
		this.#rowsSinceSnapshot += updates.length;
		this.#bytesSinceSnapshot += updates.reduce((sum, update) => sum + update.byteLength, 0);
	}

	async #compactIfDue(): Promise<void> {
		if (
			this.#rowsSinceSnapshot >= this.limits.compactAfterRows ||
			this.#bytesSinceSnapshot >= this.limits.compactAfterBytes
		) {
			await this.#compact();
		}
	}

	/**
	 * Folds the log into a snapshot encoded from the in-memory document (which holds exactly the
	 * committed updates up to #lastSeq), never by merging thousands of stored updates.
	 */
	async #compact(): Promise<void> {
		// A broken room's memory may hold a half-applied update: only what is stored counts.
		if (this.#rowsSinceSnapshot === 0 || this.#broken) return;
		const state = Y.encodeStateAsUpdate(this.doc);
		const seq = this.#lastSeq;
		try {
			const folded = await compactCanvas(this.sql, this.canvasId, state, seq);
			this.log.debug({ canvasId: this.canvasId, seq, folded, bytes: state.byteLength }, 'canvas compacted');
			this.#rowsSinceSnapshot = 0;
			this.#bytesSinceSnapshot = 0;
			this.#storedBytes = state.byteLength;
		} catch (error) {
			// Harmless: the log is intact and compaction is tried again later.
			this.log.warn({ err: error, canvasId: this.canvasId }, 'canvas compaction failed');
		}
	}

	/** Waits until everything received so far is stored (tests and shutdown use it). */
	async settle(): Promise<void> {
		while (this.#flushScheduled || this.#queue.length > 0) {
			await new Promise((resolve) => setImmediate(resolve));
			await this.#chain;
		}
		await this.#chain;
	}

	/** Closes every socket, stores what is pending, compacts, and frees the document. */
	async close(code: number = CloseCode.goingAway, reason = 'De server start opnieuw op.'): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		for (const member of [...this.#members.keys()]) {
			member.close(code, reason);
			this.leave(member);
		}
		await this.settle();
		this.#chain = this.#chain.then(() => this.#compact());
		await this.#chain;
		this.#free();
	}

	/** Stops the presence timers and frees the document. */
	#free(): void {
		clearTimeout(this.#awarenessTimer);
		this.awareness.destroy();
		this.doc.destroy();
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

/** Runs a decoding step; any exception means the frame is malformed. */
function readOrFail<T>(read: () => T): T {
	try {
		return read();
	} catch {
		throw new ProtocolError(CloseCode.policy, 'Onleesbaar bericht.');
	}
}

interface AwarenessEntry {
	client: number;
	clock: number;
	state: unknown;
	/** Length of the state's JSON. */
	bytes: number;
}

/** The clients an awareness update speaks for (wire format: count, then id, clock, JSON state). */
function awarenessEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const client = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		entries.push({ client, clock, state: JSON.parse(json) as unknown, bytes: json.length });
	}
	return entries;
}

/** Staff (facilitators, organizers) write whatever the lock; their token says who they are. */
function isStaff(claims: RoomClaims): boolean {
	return claims.sub.startsWith('staff:');
}

function isEmptyUpdate(update: Uint8Array): boolean {
	// An update with no structs and an empty delete set: [0, 0].
	return update.every((byte) => byte === 0);
}

function safeSend(member: RoomConnection, message: Uint8Array): void {
	try {
		member.send(message);
	} catch {
		// A socket that cannot take a message is closing; its close handler removes it.
	}
}
