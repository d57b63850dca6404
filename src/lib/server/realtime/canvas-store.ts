import * as Y from 'yjs';
import { canvasLockSchema, type CanvasLock } from '$lib/live/canvas-lock';
import type { Sql } from '../db/database';

/**
 * Durable storage of canvas documents: an append-only log of Yjs updates plus a snapshot the
 * log is compacted into. Every function is one transaction.
 */

export interface StoredCanvas {
	/** The snapshot (whole document up to `snapshotSeq`), or null before the first compaction. */
	snapshot: Uint8Array | null;
	snapshotSeq: number;
	/** Updates after the snapshot, in order. */
	updates: Uint8Array[];
	/** Sequence number of the last update in the log (or of the snapshot when the log is empty). */
	lastSeq: number;
	/** Bytes of snapshot plus log: what loading costs. */
	storedBytes: number;
	/** Who may change what, read with the document so a room starts with the right rules. */
	lock: CanvasLock;
}

/** The canvas of a theme, created on first use. Returns its id. */
export async function ensureCanvasForTheme(sql: Sql, themeId: string): Promise<string> {
	const [row] = await sql<{ id: string }[]>`
		insert into public.canvases (theme_id) values (${themeId})
		on conflict (theme_id) do update set theme_id = excluded.theme_id
		returning id
	`;
	if (!row) throw new Error(`no canvas for theme ${themeId}`);
	return row.id;
}

/** Whether a canvas exists (it disappears with its theme or event). */
export async function canvasExists(sql: Sql, canvasId: string): Promise<boolean> {
	const [row] = await sql`select 1 from public.canvases where id = ${canvasId}`;
	return row !== undefined;
}

/** Reads snapshot and log tail in one consistent view, or null for an unknown canvas. */
export async function loadCanvas(sql: Sql, canvasId: string): Promise<StoredCanvas | null> {
	return sql.begin('isolation level repeatable read read only', async (tx) => {
		const [canvas] = await tx<{ last_seq: string; lock: string }[]>`
			select last_seq, lock from public.canvases where id = ${canvasId}
		`;
		if (!canvas) return null;
		const [snapshot] = await tx<{ state: Uint8Array; seq: string }[]>`
			select state, seq from public.canvas_snapshots where canvas_id = ${canvasId}
		`;
		const snapshotSeq = snapshot ? Number(snapshot.seq) : 0;
		const rows = await tx<{ update: Uint8Array }[]>`
			select update from public.canvas_updates
			where canvas_id = ${canvasId} and seq > ${snapshotSeq}
			order by seq
		`;
		const updates = rows.map((row) => row.update);
		return {
			snapshot: snapshot ? snapshot.state : null,
			snapshotSeq,
			updates,
			lastSeq: Number(canvas.last_seq),
			storedBytes: (snapshot?.state.byteLength ?? 0) + updates.reduce((sum, update) => sum + update.byteLength, 0),
			lock: canvasLockSchema.parse(canvas.lock)
		};
	});
}

/**
 * Applies a stored canvas to `doc` in one transaction (with `origin`): the snapshot, then the log
 * row by row, so that one stored update Yjs cannot apply does not lock the canvas forever. Each
 * skipped row is reported to `onUnreadable`. Throws when the snapshot itself cannot be applied.
 */
export function replayCanvas(
	doc: Y.Doc,
	stored: StoredCanvas,
	onUnreadable: (error: unknown) => void,
	origin: unknown = null
): void {
	Y.transact(
		doc,
		() => {
			if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
			for (const update of stored.updates) {
				try {
					Y.applyUpdate(doc, update);
				} catch (error) {
					onUnreadable(error);
				}
			}
		},
		origin
	);
}

/**
 * Appends updates to a canvas's log and returns the sequence number of the last one. One
 * statement, so one round trip and its own transaction: the row lock on the canvas (taken by the
 * UPDATE) orders concurrent appenders, and the numbers have no gaps.
 */
export async function appendUpdates(sql: Sql, canvasId: string, updates: readonly Uint8Array[]): Promise<number> {
	if (updates.length === 0) throw new Error('appendUpdates needs at least one update');
	const BYTEA = 17;
	const [row] = await sql<{ last_seq: string }[]>`
		with bumped as (
			update public.canvases set last_seq = last_seq + ${updates.length}
			where id = ${canvasId}
			returning last_seq
		), inserted as (
			insert into public.canvas_updates (canvas_id, seq, update)
			select ${canvasId}, bumped.last_seq - ${updates.length} + t.ordinality, t.update
			from bumped, unnest(${sql.array(updates.map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)), BYTEA)}::bytea[]) with ordinality as t(update, ordinality)
		)
		select last_seq from bumped
	`;
	if (!row) throw new Error(`canvas ${canvasId} does not exist`);
	return Number(row.last_seq);
}

/**
 * Replaces the snapshot with `state` — the whole document including every update up to `seq` —
 * and deletes the log rows it folds in, in one transaction: a crash leaves either the old pair or
 * the new one, never a gap.
 */
export async function compactCanvas(sql: Sql, canvasId: string, state: Uint8Array, seq: number): Promise<number> {
	return sql.begin(async (tx) => {
		await tx`
			insert into public.canvas_snapshots (canvas_id, state, seq, updated_at)
			values (${canvasId}, ${state}, ${seq}, now())
			on conflict (canvas_id) do update
				set state = excluded.state, seq = excluded.seq, updated_at = excluded.updated_at
				where canvas_snapshots.seq <= excluded.seq
		`;
		const deleted = await tx`delete from public.canvas_updates where canvas_id = ${canvasId} and seq <= ${seq}`;
		return deleted.count;
	});
}

/** Takes one update out of the log (one that was stored but turned out not to apply). */
export async function deleteUpdate(sql: Sql, canvasId: string, seq: number): Promise<void> {
	await sql`delete from public.canvas_updates where canvas_id = ${canvasId} and seq = ${seq}`;
}
