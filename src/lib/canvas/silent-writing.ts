import { AUTHOR_META_KEY, SILENT_ROUND_META_KEY } from '../live/canvas-lock';

// Silent writing ("eerst zelf nadenken"): during a round everyone writes notes on their own, and
// sees only their own new notes until the facilitator reveals them. The notes are in the shared
// document all along (every browser receives them); hiding them is a courtesy of the interface,
// not a secret. The canvas (tldraw's getShapeVisibility) and the text route hide the same notes
// through this one predicate.

/** A silent-writing round: its id (an agenda item run) and whether its notes are shown to all. */
export interface SilentRound {
	round: string;
	revealed: boolean;
}

/** Who looks at the canvas, as far as silent writing cares. */
export interface SilentViewer {
	/** `participant:<id>` or `staff:<email>`, as written into the meta of the shapes they create. */
	author: string;
	/** Facilitators see every note, also during a round. */
	canEditTemplate: boolean;
	/** The round running now; null when nobody writes in silence. */
	silent: SilentRound | null;
}

/** What the predicate reads of a shape: its meta (plain JSON any peer may have written). */
export interface SilentShape {
	meta: Readonly<Record<string, unknown>>;
}

/**
 * Whether `viewer` must not see `shape` now: it was written in the running, unrevealed round by
 * someone else. Shapes without a round (everything before and outside silent writing) and
 * everything for facilitators stay visible.
 */
export function isHiddenBySilentRound(shape: SilentShape, viewer: SilentViewer | undefined): boolean {
	if (!viewer?.silent || viewer.silent.revealed || viewer.canEditTemplate) return false;
	return shape.meta[SILENT_ROUND_META_KEY] === viewer.silent.round && shape.meta[AUTHOR_META_KEY] !== viewer.author;
}

/** Whether silent writing hides others' notes from `viewer` now (the text route says so). */
export function isSilentlyWriting(viewer: SilentViewer | undefined): boolean {
	return !!viewer?.silent && !viewer.silent.revealed && !viewer.canEditTemplate;
}
