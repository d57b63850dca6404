import type { TLShape, TLStore } from '@tldraw/tlschema';
import { AUTHOR_META_KEY, SILENT_ROUND_META_KEY, TEMPLATE_META_KEY, type CanvasLock } from '../../live/canvas-lock';
import type { SilentRound, SilentViewer } from '../silent-writing';

// What a live session asks of one browser's canvas, as tldraw store side effects: plain
// TypeScript on the store (no React), so it is tested in Node. The canvas server enforces the
// same locks for everyone but staff; these rules refuse early what it would refuse anyway, and
// stamp each new shape with who made it.

/** A rectangle in page coordinates. */
export interface CanvasBounds {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** The live session's settings for this canvas, as the facilitator console or the room passes them. */
export interface LiveCanvasOptions extends SilentViewer {
	/** `participant:<id>` or `staff:<email>`: written into the meta of every shape this browser creates. */
	author: string;
	/** Staff: may place and change the technique's shapes, and are never locked out or hidden from. */
	canEditTemplate: boolean;
	lock: CanvasLock;
	/** The silent-writing round running now, if any. */
	silent: SilentRound | null;
	/** Nobody's cursor is shown, and this browser shares none (names are still listed). */
	hideCursors: boolean;
	/** What the facilitator shows; a new key brings this browser's view there. */
	follow: { bounds: CanvasBounds; key: string } | null;
}

/** Whether the lock leaves this browser only looking. */
export function isLockedReadOnly(live: LiveCanvasOptions | undefined): boolean {
	return live?.lock === 'read-only' && !live.canEditTemplate;
}

/** Whether a shape is one of the technique's frames, headings or hints. */
export function isTemplateShape(shape: TLShape): boolean {
	return shape.meta[TEMPLATE_META_KEY] === true;
}

export interface LiveRules {
	/** Runs `fn` as someone who may change the technique's shapes (placing a template). */
	asTemplateEditor(fn: () => void): void;
	dispose(): void;
}

/**
 * Registers the live session's rules on `store`, reading the settings from `current` at every
 * change (so they follow the session without registering again). Only local changes (source
 * 'user') are touched: what arrives from others always applies.
 */
export function registerLiveRules(store: TLStore, current: () => LiveCanvasOptions | undefined): LiveRules {
	let editingTemplate = false;

	function templateLocked(): boolean {
		const live = current();
		return !editingTemplate && live?.lock === 'template' && !live.canEditTemplate;
	}

	const stops = [
		store.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
			const live = current();
			if (source !== 'user' || !live) return shape;
			// A copy or a re-created shape is made by this browser now: its stamps are this browser's.
			const meta: TLShape['meta'] = { ...shape.meta, [AUTHOR_META_KEY]: live.author };
			delete meta[SILENT_ROUND_META_KEY];
			if (shape.type === 'note' && live.silent && !live.silent.revealed) meta[SILENT_ROUND_META_KEY] = live.silent.round;
			return { ...shape, meta };
		}),
		store.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
			source === 'user' && templateLocked() && (isTemplateShape(prev) || isTemplateShape(next)) ? prev : next
		),
		store.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
			if (source === 'user' && templateLocked() && isTemplateShape(shape)) return false;
		})
	];

	return {
		asTemplateEditor(fn) {
			const before = editingTemplate;
			editingTemplate = true;
			try {
				fn();
			} finally {
				editingTemplate = before;
			}
		},
		dispose() {
			for (const stop of stops) stop();
		}
	};
}
