import {
	createShapeId,
	toRichText,
	type TLFrameShape,
	type TLRichText,
	type TLShapeId,
	type TLShapePartial,
	type TLTextShape
} from '@tldraw/tlschema';
import { TEMPLATE_META_KEY } from '../live/canvas-lock';
import type { TemplateLayout } from '../live/template-spec';

// A design technique as tldraw shapes: the technique's name and prompt as a heading, below it a
// row of frames (one per column, named by the column heading) with a small hint at the top of
// each. Pure: the facilitator's browser creates these partials in one batch (mount-canvas.tsx).
//
//   Naam van de werkvorm
//   De opdracht of vraag …
//
//   Kolom 1            Kolom 2            Kolom 3
//   ┌──────────────┐   ┌──────────────┐   ┌──────────────┐
//   │ toelichting  │   │ toelichting  │   │ toelichting  │
//   │              │   │              │   │              │
//   └──────────────┘   └──────────────┘   └──────────────┘

/** A frame holds three sticky notes (200 wide) side by side up to three columns, two beyond. */
const WIDE_FRAME_WIDTH = 720;
const NARROW_FRAME_WIDTH = 480;
/** Four rows of sticky notes. */
const FRAME_HEIGHT = 900;
const FRAME_GAP = 80;
/** Room between the heading and the frames, which draw their names just above their top edge. */
const HEADING_GAP = 72;
const HINT_INSET = 24;
/** tldraw's text size 'm' (24 px) with its line height; a character is counted generously wide. */
const HEADING_FONT_SIZE = 24;
const HEADING_LINE_HEIGHT = HEADING_FONT_SIZE * 1.35;
const HEADING_CHAR_WIDTH = HEADING_FONT_SIZE * 0.6;

export interface TemplatePoint {
	x: number;
	y: number;
}

export interface TemplateOptions {
	/** The technique's name, shown in bold above its prompt. */
	name: string;
	/** New shape ids (tests pass a counter). */
	createId?: () => TLShapeId;
}

function frameWidth(layout: TemplateLayout): number {
	return layout.columns.length <= 3 ? WIDE_FRAME_WIDTH : NARROW_FRAME_WIDTH;
}

function totalWidth(layout: TemplateLayout): number {
	const count = layout.columns.length;
	return count * frameWidth(layout) + (count - 1) * FRAME_GAP;
}

/** Lines a paragraph takes at `width`, estimated on the safe side: tldraw measures text in the DOM. */
function lineCount(text: string, width: number): number {
	return Math.max(1, Math.ceil((text.length * HEADING_CHAR_WIDTH) / width));
}

/** Height reserved for the heading, so the frames never overlap it. */
function headingHeight(layout: TemplateLayout, name: string): number {
	const width = totalWidth(layout);
	return (lineCount(name, width) + lineCount(layout.prompt, width)) * HEADING_LINE_HEIGHT;
}

/** Width and height the technique takes on the canvas (heading and frames). */
export function templateSize(layout: TemplateLayout, options: Pick<TemplateOptions, 'name'>): { w: number; h: number } {
	return { w: totalWidth(layout), h: headingHeight(layout, options.name) + HEADING_GAP + FRAME_HEIGHT };
}

/** The technique's name in bold, its prompt below it. */
function headingText(name: string, prompt: string): TLRichText {
	return {
		type: 'doc',
		content: [
			{ type: 'paragraph', content: [{ type: 'text', text: name, marks: [{ type: 'bold' }] }] },
			...toRichText(prompt).content
		]
	};
}

/**
 * The shapes of a design technique with its top-left corner at `origin`, in creation order:
 * the heading, then per column its frame followed by the frame's hint (left out when empty).
 * Every shape is locked and marked as part of the technique, so the template lock can keep it
 * in place while participants add notes.
 */
export function templateShapes(layout: TemplateLayout, origin: TemplatePoint, options: TemplateOptions): TLShapePartial[] {
	const createId = options.createId ?? (() => createShapeId());
	const meta = { [TEMPLATE_META_KEY]: true };
	const width = frameWidth(layout);
	const framesY = origin.y + headingHeight(layout, options.name) + HEADING_GAP;

	const heading: TLShapePartial<TLTextShape> = {
		id: createId(),
		type: 'text',
		x: origin.x,
		y: origin.y,
		isLocked: true,
		meta,
		props: {
			richText: headingText(options.name, layout.prompt),
			autoSize: false,
			w: totalWidth(layout),
			size: 'm',
			font: 'sans',
			textAlign: 'start',
			color: 'black'
		}
	};

	const columns = layout.columns.flatMap((column, i): TLShapePartial[] => {
		const frame: TLShapePartial<TLFrameShape> = {
			id: createId(),
			type: 'frame',
			x: origin.x + i * (width + FRAME_GAP),
			y: framesY,
			isLocked: true,
			meta,
			props: { w: width, h: FRAME_HEIGHT, name: column.heading }
		};
		if (!column.hint) return [frame];
		const hint: TLShapePartial<TLTextShape> = {
			id: createId(),
			type: 'text',
			// Inside the frame: its position is relative to the frame, and it moves with it.
			parentId: frame.id,
			x: HINT_INSET,
			y: HINT_INSET,
			isLocked: true,
			meta,
			props: {
				richText: toRichText(column.hint),
				autoSize: false,
				w: width - 2 * HINT_INSET,
				size: 's',
				font: 'sans',
				textAlign: 'start',
				color: 'grey'
			}
		};
		return [frame, hint];
	});

	return [heading, ...columns];
}
