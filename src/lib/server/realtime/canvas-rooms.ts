import type { CanvasLock } from '$lib/live/canvas-lock';
import { CanvasRoom, CloseCode, type RoomConnection, type RoomContext } from './canvas-room';
import type { RoomClaims } from './room-token';

/** Decides whether the holder of a (still valid or long expired) token may stay in a canvas. */
export type AccessCheck = (claims: RoomClaims, canvasId: string) => Promise<boolean>;

/**
 * The canvases loaded in this process. Loads a canvas on its first member, unloads it (after
 * compacting) when it has been empty for a while, and re-checks members' access periodically.
 * One process owns a canvas: the app runs as a single instance (see README, known limits).
 */
export class CanvasRooms {
	readonly #rooms = new Map<string, Promise<CanvasRoom | null>>();
	/** Rooms being unloaded; a new member waits for that before loading the canvas again. */
	readonly #unloading = new Map<string, Promise<void>>();
	readonly #idleTimers = new Map<string, NodeJS.Timeout>();
	readonly #recheckTimer: NodeJS.Timeout;
	#closed = false;

	private readonly context: RoomContext;
	private readonly stillAllowed: AccessCheck;

	constructor(options: RoomContext & { stillAllowed: AccessCheck }) {
		const { stillAllowed, ...context } = options;
		this.context = { ...context, onBroken: (room) => void this.#reload(room) };
		this.stillAllowed = stillAllowed;
		this.#recheckTimer = setInterval(() => void this.recheckAccess(), context.limits.accessRecheckMs);
		this.#recheckTimer.unref();
	}

	/** Adds a member to a canvas, loading it if needed. False when the canvas does not exist. */
	async join(canvasId: string, connection: RoomConnection): Promise<CanvasRoom | null> {
		if (this.#closed) return null;
		const timer = this.#idleTimers.get(canvasId);
		if (timer) {
			clearTimeout(timer);
			this.#idleTimers.delete(canvasId);
		}
		await this.#unloading.get(canvasId);
		let loading = this.#rooms.get(canvasId);
		if (!loading) {
			loading = CanvasRoom.load(canvasId, this.context);
			this.#rooms.set(canvasId, loading);
			loading.catch(() => this.#rooms.delete(canvasId));
		}
		const room = await loading;
		if (!room) {
			this.#rooms.delete(canvasId);
			return null;
		}
		room.join(connection);
		return room;
	}

	/** Removes a member; an empty canvas is unloaded after `idleUnloadMs`. */
	leave(room: CanvasRoom, connection: RoomConnection): void {
		room.leave(connection);
		if (room.size > 0 || this.#closed) return;
		const timer = setTimeout(() => void this.#unload(room), this.context.limits.idleUnloadMs);
		timer.unref();
		this.#idleTimers.set(room.canvasId, timer);
	}

	/**
	 * Applies a canvas's new lock to its room at once, if it is loaded (or loading); call it after
	 * writing `canvases.lock`, which is what a room reads when it loads.
	 */
	async setLock(canvasId: string, lock: CanvasLock): Promise<void> {
		const room = await this.#rooms.get(canvasId)?.catch(() => null);
		room?.setLock(lock);
	}

	/** The loaded (or loading) room of a canvas, if any: its document is the live one. */
	async loaded(canvasId: string): Promise<CanvasRoom | null> {
		return (await this.#rooms.get(canvasId)) ?? null;
	}

	async #unload(room: CanvasRoom): Promise<void> {
		this.#idleTimers.delete(room.canvasId);
		const current = await this.#rooms.get(room.canvasId);
		// Checked after the await: someone may have joined in the meantime.
		if (current !== room || room.size > 0) return;
		this.#rooms.delete(room.canvasId);
		const done = room.close().catch((error: unknown) => {
			this.context.log.error({ err: error, canvasId: room.canvasId }, 'could not unload canvas');
		});
		this.#unloading.set(room.canvasId, done);
		await done;
		this.#unloading.delete(room.canvasId);
		this.context.log.debug({ canvasId: room.canvasId }, 'canvas unloaded');
	}

	/** Drops a broken room at once: its members reconnect and get the canvas fresh from storage. */
	async #reload(room: CanvasRoom): Promise<void> {
		if ((await this.#rooms.get(room.canvasId)) === room) this.#rooms.delete(room.canvasId);
		const done = room.close(CloseCode.storageFailed, 'Het canvas wordt opnieuw geladen.').catch(() => {});
		this.#unloading.set(room.canvasId, done);
		await done;
		this.#unloading.delete(room.canvasId);
	}

	/** Closes the connections of members who may no longer be there. */
	async recheckAccess(): Promise<void> {
		for (const loading of this.#rooms.values()) {
			const room = await loading.catch(() => null);
			if (!room) continue;
			for (const member of room.members()) {
				const allowed = await this.stillAllowed(member.claims, room.canvasId).catch(() => true);
				if (!allowed) {
					member.close(CloseCode.accessWithdrawn, 'Je hebt geen toegang meer tot dit canvas.');
					this.leave(room, member);
				}
			}
		}
	}

	/** Shutdown: closes every socket, stores and compacts every canvas. */
	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#recheckTimer);
		for (const timer of this.#idleTimers.values()) clearTimeout(timer);
		this.#idleTimers.clear();
		const rooms = await Promise.all([...this.#rooms.values()].map((loading) => loading.catch(() => null)));
		this.#rooms.clear();
		await Promise.all(rooms.map((room) => room?.close()));
		await Promise.all(this.#unloading.values());
	}
}
