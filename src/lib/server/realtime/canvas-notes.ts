import * as Y from 'yjs';
import { z } from 'zod';
import { RECORDS_MAP_NAME } from '$lib/canvas/doc-layout';
import { AUTHOR_META_KEY } from '$lib/live/canvas-lock';
import type { Sql } from '../db/database';
import type { CanvasRooms } from './canvas-rooms';
import { loadCanvas, replayCanvas } from './canvas-store';

// Reading a canvas on the server, without tldraw: the notes of a theme canvas feed the list view
// (the accessible route to a whiteboard), dot voting and the session report. Every record is
// plain JSON any peer could have written, so each one is parsed, and what does not fit is skipped.

/** A sticky note as the server reads it. */
export interface CanvasNote {
	/** The record id, `shape:…`. */
	id: string;
	/** Its text without formatting, paragraphs on lines of their own. */
	text: string;
	/** Who wrote it (`participant:<id>` or `staff:<email>`, see AUTHOR_META_KEY), when known. */
	author: string | null;
	/** The name of the frame it sits in (the innermost, if frames are nested), e.g. a technique's column `Tops`; null on the page. */
	frame: string | null;
}

/** Rich text nested deeper than this is not something tldraw writes; the rest is left unread. */
const MAX_RICH_TEXT_DEPTH = 32;
/** Frames inside frames inside …: a parent chain longer than this is a loop or garbage. */
const MAX_PARENT_DEPTH = 32;

/** What places a shape: position and turn relative to its parent (the page or another shape). */
const placementSchema = z.object({
	typeName: z.literal('shape'),
	x: z.number().catch(0),
	y: z.number().catch(0),
	rotation: z.number().catch(0),
	parentId: z.string().catch('')
});

const frameSchema = placementSchema.extend({
	type: z.literal('frame'),
	props: z.object({ name: z.string().catch('') }).catch({ name: '' })
});

const noteSchema = placementSchema.extend({
	type: z.literal('note'),
	props: z.object({ richText: z.unknown() }).catch({ richText: undefined }),
	meta: z.object({ [AUTHOR_META_KEY]: z.string().optional().catch(undefined) }).catch({})
});

/**
 * Every note of a canvas document, top to bottom and then left to right as seen on the page
 * (a note inside a frame is placed relative to that frame). Notes without text are included.
 */
export function notesOfDocument(doc: Y.Doc): CanvasNote[] {
	const records = doc.getMap<unknown>(RECORDS_MAP_NAME);
	const notes: (CanvasNote & { x: number; y: number })[] = [];
	for (const [id, value] of records.entries()) {
		const note = noteSchema.safeParse(value);
		if (!note.success) continue;
		const { x, y } = pagePosition(records, note.data);
		notes.push({
			id,
			text: plainText(note.data.props.richText),
			author: note.data.meta[AUTHOR_META_KEY] ?? null,
			frame: frameName(records, note.data.parentId),
			x,
			y
		});
	}
	notes.sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return notes.map(({ id, text, author, frame }) => ({ id, text, author, frame }));
}

/**
 * A canvas's document: the live one of its room when the canvas is loaded (read it, never write
 * to or destroy it), otherwise a fresh one built from storage. Null for an unknown canvas.
 */
export async function canvasDocument(sql: Sql, rooms: CanvasRooms, canvasId: string): Promise<Y.Doc | null> {
	// A room that failed to load is no reason not to read what is stored.
	const room = await rooms.loaded(canvasId).catch(() => null);
	if (room) {
		// Updates already stored but still on their way into the document belong to it.
		await room.settle();
		return room.doc;
	}
	const stored = await loadCanvas(sql, canvasId);
	if (!stored) return null;
	const doc = new Y.Doc();
	// An update that cannot be applied is logged when the room loads; reading does without it.
	replayCanvas(doc, stored, () => {});
	return doc;
}

/** The whole state of a canvas as one Yjs update (for a session's snapshot); null if unknown. */
export async function canvasState(sql: Sql, rooms: CanvasRooms, canvasId: string): Promise<Uint8Array | null> {
	const doc = await canvasDocument(sql, rooms, canvasId);
	return doc && Y.encodeStateAsUpdate(doc);
}

type Placement = z.infer<typeof placementSchema>;

/** The name of the nearest frame up the parent chain from `parentId`; null when there is none (or it has no name). */
function frameName(records: Y.Map<unknown>, parentId: string): string | null {
	let currentId = parentId;
	for (let depth = 0; depth < MAX_PARENT_DEPTH; depth++) {
		const value = records.get(currentId);
		const frame = frameSchema.safeParse(value);
		if (frame.success) return frame.data.props.name.trim() || null;
		const parent = placementSchema.safeParse(value);
		if (!parent.success) return null;
		currentId = parent.data.parentId;
	}
	return null;
}

/** Where a shape is on the page: its position, turned and moved by every parent shape's. */
function pagePosition(records: Y.Map<unknown>, shape: Placement): { x: number; y: number } {
	let { x, y } = shape;
	let parentId = shape.parentId;
	for (let depth = 0; depth < MAX_PARENT_DEPTH; depth++) {
		const parent = placementSchema.safeParse(records.get(parentId));
		// The page, or a parent that is not a shape: the position is on the page.
		if (!parent.success) break;
		const cos = Math.cos(parent.data.rotation);
		const sin = Math.sin(parent.data.rotation);
		[x, y] = [parent.data.x + x * cos - y * sin, parent.data.y + x * sin + y * cos];
		parentId = parent.data.parentId;
	}
	return { x, y };
}

/**
 * The text of tldraw's rich text, a TipTap (ProseMirror) JSON document: text nodes joined, each
 * paragraph (or other block) on its own line, hard breaks as line breaks. Trimmed. Takes any
 * value (whatever a peer stored): what is not rich text reads as no text.
 */
export function plainText(richText: unknown): string {
	return textOf(richText, 0).trim();
}

function textOf(node: unknown, depth: number): string {
	if (depth > MAX_RICH_TEXT_DEPTH || typeof node !== 'object' || node === null) return '';
	const type = 'type' in node ? node.type : undefined;
	if (type === 'text') return 'text' in node && typeof node.text === 'string' ? node.text : '';
	if (type === 'hardBreak') return '\n';
	const children: unknown[] = 'content' in node && Array.isArray(node.content) ? node.content : [];
	const texts = children.map((child) => textOf(child, depth + 1));
	// A paragraph holds inline nodes, written one after the other; the document (or a list) holds
	// blocks, each a line.
	return texts.join(children.every(isInline) ? '' : '\n');
}

function isInline(node: unknown): boolean {
	return typeof node === 'object' && node !== null && 'type' in node && (node.type === 'text' || node.type === 'hardBreak');
}
