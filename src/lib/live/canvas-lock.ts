import { z } from 'zod';

/**
 * How far a theme canvas is locked, enforced by the canvas server for everyone but staff:
 * `open` everyone in the session edits; `template` participants add and edit notes but cannot
 * move, change or delete the technique's frames and headings; `read-only` only facilitators
 * change anything (presentations, and after the session).
 */
export const canvasLockSchema = z.enum(['open', 'template', 'read-only']);
export type CanvasLock = z.infer<typeof canvasLockSchema>;

export const canvasLockLabel: Record<CanvasLock, string> = {
	open: 'Open',
	template: 'Werkvorm vast',
	'read-only': 'Alleen lezen'
};

// Keys in a tldraw shape's `meta` that the live session reads. Shapes are plain JSON records in
// the shared document, so these are conventions every client and the server agree on.

/** `true` on the frames and headings a facilitator placed as a design technique. */
export const TEMPLATE_META_KEY = 'osTemplate';
/** Who made a shape: `participant:<id>` or `staff:<email>`, written by the author's browser. */
export const AUTHOR_META_KEY = 'osAuthor';
/** The silent-writing round (an agenda item run) in which a note was written. */
export const SILENT_ROUND_META_KEY = 'osSilentRound';
