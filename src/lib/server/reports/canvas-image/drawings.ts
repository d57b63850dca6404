import type { z } from 'zod';
import { boxOf, unionBox, type Box, type Point } from './geometry';
import {
	boxProps,
	byIndex,
	decodeStroke,
	drawProps,
	frameProps,
	geoProps,
	lineProps,
	MAX_STROKE_POINTS,
	noteProps,
	textProps,
	type Dash,
	type Fill,
	type ShapeRecord
} from './records';
import { num } from './svg-markup';
import { isEmptyText, layoutText, textBox, textInBox, type TextBlock } from './text-layout';
import {
	BASE_FONT_SIZE,
	BASE_STROKE_WIDTH,
	FONT_SIZES,
	FRAME_NAME_FONT_SIZE,
	FRAME_NAME_GAP,
	LABEL_FONT_SIZES,
	LABEL_PADDING,
	LINE_HEIGHT,
	NOTE_MIN_FONT_SIZE,
	NOTE_SIZE,
	PLACEHOLDER_TEXT,
	SEMI_FILL,
	STROKE_SIZES,
	TEXT_COLOR,
	type PaletteColor,
	type Size
} from './theme';

// What each kind of shape draws, worked out from its parsed props: sizes, colours and text laid
// out, in the shape's own coordinates. Sticky notes become coloured squares with their text,
// frames outlined rectangles with their name above, geo shapes rectangles or ellipses, pen
// strokes and lines polylines; images, videos, embeds and bookmarks a grey placeholder. Arrows
// depend on the shapes they are bound to: see arrows.ts.

/** What a shape draws, in its own coordinates. */
export type Drawing =
	| { kind: 'note'; w: number; h: number; fill: string; scale: number; text: TextBlock }
	| {
			kind: 'geo';
			w: number;
			h: number;
			ellipse: boolean;
			stroke: string;
			strokeWidth: number;
			dash: string | null;
			fill: string;
			label: TextBlock;
	  }
	| { kind: 'frame'; w: number; h: number; name: string; label: TextBlock }
	| { kind: 'text'; text: TextBlock }
	| {
			kind: 'arrow';
			start: Point;
			end: Point;
			headStart: boolean;
			headEnd: boolean;
			stroke: string;
			strokeWidth: number;
			dash: string | null;
			label: TextBlock;
	  }
	| {
			kind: 'stroke';
			points: Point[];
			stroke: string;
			strokeWidth: number;
			strokeOpacity: number;
			dash: string | null;
			fill: string;
	  }
	| { kind: 'placeholder'; w: number; h: number; label: TextBlock };

/** Where an arrow bound to a shape may end: its outline, in the shape's coordinates. */
export interface Outline {
	box: Box;
	ellipse: boolean;
}

/** The drawing of any shape but an arrow; null for an unknown type or props that do not parse. */
export function drawingOf(record: ShapeRecord): Drawing | null {
	switch (record.type) {
		case 'note':
			return parsed(noteProps, record.props, noteDrawing);
		case 'geo':
			return parsed(geoProps, record.props, geoDrawing);
		case 'frame':
			return parsed(frameProps, record.props, frameDrawing);
		case 'text':
			return parsed(textProps, record.props, textDrawing);
		case 'draw':
			return parsed(drawProps, record.props, (props) => penDrawing(props, false));
		case 'highlight':
			return parsed(drawProps, record.props, (props) => penDrawing(props, true));
		case 'line':
			return parsed(lineProps, record.props, lineDrawing);
		case 'image':
			return parsed(boxProps, record.props, (props) => placeholderDrawing(props, 'Afbeelding'));
		case 'video':
			return parsed(boxProps, record.props, (props) => placeholderDrawing(props, 'Video'));
		case 'embed':
			return parsed(boxProps, record.props, (props) => placeholderDrawing(props, 'Ingesloten inhoud'));
		case 'bookmark':
			return parsed(boxProps, record.props, (props) => placeholderDrawing(props, 'Link'));
		default:
			return null;
	}
}

function parsed<Schema extends z.ZodType>(
	schema: Schema,
	props: unknown,
	draw: (props: z.infer<Schema>) => Drawing | null
): Drawing | null {
	const result = schema.safeParse(props);
	return result.success ? draw(result.data) : null;
}

function noteDrawing(props: z.infer<typeof noteProps>): Drawing {
	const w = NOTE_SIZE * props.scale;
	const h = (NOTE_SIZE + props.growY) * props.scale;
	const padding = LABEL_PADDING * props.scale;
	const text = textInBox(props.richText, { minX: 0, minY: 0, maxX: w, maxY: h }, {
		fontSize: BASE_FONT_SIZE * LABEL_FONT_SIZES[props.size] * props.scale,
		minFontSize: NOTE_MIN_FONT_SIZE * props.scale,
		padding,
		align: props.align,
		verticalAlign: props.verticalAlign,
		fill: TEXT_COLOR,
		truncate: true
	});
	return { kind: 'note', w, h, fill: props.color.note, scale: props.scale, text };
}

function geoDrawing(props: z.infer<typeof geoProps>): Drawing {
	const h = props.h + props.growY;
	const label = textInBox(props.richText, { minX: 0, minY: 0, maxX: props.w, maxY: h }, {
		fontSize: BASE_FONT_SIZE * LABEL_FONT_SIZES[props.size] * props.scale,
		padding: LABEL_PADDING * props.scale,
		align: props.align,
		verticalAlign: props.verticalAlign,
		fill: props.labelColor.solid,
		truncate: false
	});
	const strokeWidth = strokeWidthOf(props.size, props.scale);
	return {
		kind: 'geo',
		w: props.w,
		h,
		ellipse: props.geo === 'ellipse' || props.geo === 'oval',
		stroke: props.color.solid,
		strokeWidth,
		dash: dashArray(props.dash, strokeWidth),
		fill: fillColor(props.fill, props.color),
		label
	};
}

function frameDrawing(props: z.infer<typeof frameProps>): Drawing {
	// One line, on the picture and in the alt text.
	const name = props.name.replace(/\s+/g, ' ').trim();
	const label = layoutText(name, {
		fontSize: FRAME_NAME_FONT_SIZE,
		bold: true,
		maxWidth: Math.max(props.w, FRAME_NAME_FONT_SIZE),
		maxLines: 1,
		fill: TEXT_COLOR,
		anchor: 'start',
		x: 0,
		top: -FRAME_NAME_GAP - FRAME_NAME_FONT_SIZE * LINE_HEIGHT
	});
	return { kind: 'frame', w: props.w, h: props.h, name, label };
}

function textDrawing(props: z.infer<typeof textProps>): Drawing {
	const fontSize = BASE_FONT_SIZE * FONT_SIZES[props.size] * props.scale;
	// An auto-sized text is as wide as its longest line: wrapping it by an estimate would only
	// break lines that tldraw does not break.
	const maxWidth = props.autoSize ? Infinity : Math.max(props.w * props.scale, fontSize);
	const text = layoutText(props.richText, {
		fontSize,
		bold: false,
		maxWidth,
		fill: props.color.solid,
		anchor: 'start',
		x: 0,
		top: 0
	});
	if (props.textAlign !== 'start') {
		// Lines are aligned within the shape: as wide as the longest line when auto-sized.
		const width = props.autoSize ? text.width : maxWidth;
		text.anchor = props.textAlign;
		text.x = props.textAlign === 'middle' ? width / 2 : width;
	}
	return { kind: 'text', text };
}

function penDrawing(props: z.infer<typeof drawProps>, highlighter: boolean): Drawing | null {
	const points: Point[] = [];
	for (const segment of props.segments) {
		const decoded = decodeStroke(segment.path);
		if (!decoded || points.length + decoded.length > MAX_STROKE_POINTS) return null;
		// A straight segment is stored as its two ends.
		const used = segment.type === 'straight' ? decoded.slice(0, 2) : decoded;
		for (const p of used) points.push({ x: p.x * props.scaleX, y: p.y * props.scaleY });
	}
	if (highlighter) {
		return {
			kind: 'stroke',
			points,
			stroke: props.color.highlight,
			strokeWidth: BASE_FONT_SIZE * FONT_SIZES[props.size] * 1.12 * props.scale,
			strokeOpacity: 0.6,
			dash: null,
			fill: 'none'
		};
	}
	const strokeWidth = (strokeWidthOf(props.size, 1) + 1) * props.scale;
	return {
		kind: 'stroke',
		points: props.isClosed && points.length > 2 ? [...points, points[0] ?? { x: 0, y: 0 }] : points,
		stroke: props.color.solid,
		strokeWidth,
		strokeOpacity: 1,
		dash: dashArray(props.dash, strokeWidth),
		fill: props.isClosed ? fillColor(props.fill, props.color) : 'none'
	};
}

function lineDrawing(props: z.infer<typeof lineProps>): Drawing | null {
	const handles = Object.entries(props.points).map(([id, handle]) => ({ ...handle, id }));
	if (handles.length < 2 || handles.length > MAX_STROKE_POINTS) return null;
	const strokeWidth = strokeWidthOf(props.size, props.scale);
	return {
		kind: 'stroke',
		// A cubic spline is drawn through its points as straight pieces.
		points: handles.sort(byIndex).map(({ x, y }) => ({ x, y })),
		stroke: props.color.solid,
		strokeWidth,
		strokeOpacity: 1,
		dash: dashArray(props.dash, strokeWidth),
		fill: 'none'
	};
}

function placeholderDrawing(props: z.infer<typeof boxProps>, name: string): Drawing {
	const fontSize = Math.min(20, props.w / 7, props.h / 2);
	const label = textInBox(fontSize >= 6 ? name : '', { minX: 0, minY: 0, maxX: props.w, maxY: props.h }, {
		fontSize: Math.max(fontSize, 1),
		padding: 0,
		align: 'middle',
		verticalAlign: 'middle',
		fill: PLACEHOLDER_TEXT,
		truncate: true
	});
	return { kind: 'placeholder', w: props.w, h: props.h, label };
}

/** The outline an arrow bound to this drawing ends at; null for drawings without a simple one. */
export function outlineOf(drawing: Drawing): Outline | null {
	switch (drawing.kind) {
		case 'note':
		case 'frame':
		case 'placeholder':
			return { box: { minX: 0, minY: 0, maxX: drawing.w, maxY: drawing.h }, ellipse: false };
		case 'geo':
			return { box: { minX: 0, minY: 0, maxX: drawing.w, maxY: drawing.h }, ellipse: drawing.ellipse };
		case 'text':
			return { box: textBox(drawing.text), ellipse: false };
		default:
			return null;
	}
}

/** What a drawing covers, in its shape's coordinates. */
export function drawingBox(drawing: Drawing): Box {
	switch (drawing.kind) {
		case 'note':
		case 'placeholder':
			return { minX: 0, minY: 0, maxX: drawing.w, maxY: drawing.h };
		case 'geo':
			return boxOf([{ x: 0, y: 0 }, { x: drawing.w, y: drawing.h }], drawing.strokeWidth / 2);
		case 'frame': {
			const box = { minX: 0, minY: 0, maxX: drawing.w, maxY: drawing.h };
			return isEmptyText(drawing.label) ? box : unionBox(box, textBox(drawing.label));
		}
		case 'text':
			return textBox(drawing.text);
		case 'arrow': {
			const line = boxOf([drawing.start, drawing.end], drawing.strokeWidth * 4);
			return isEmptyText(drawing.label) ? line : unionBox(line, textBox(drawing.label));
		}
		case 'stroke':
			return boxOf(drawing.points, drawing.strokeWidth / 2);
	}
}

export function strokeWidthOf(size: Size, scale: number): number {
	return BASE_STROKE_WIDTH * STROKE_SIZES[size] * scale;
}

/** tldraw's dash style as an SVG `stroke-dasharray`; null for a solid line (and the hand-drawn one). */
export function dashArray(dash: Dash, strokeWidth: number): string | null {
	if (dash === 'dashed') return `${num(strokeWidth * 2)} ${num(strokeWidth * 2)}`;
	// Short dashes rather than dots: a schematic picture need not copy the pen.
	if (dash === 'dotted') return `${num(strokeWidth)} ${num(strokeWidth * 2)}`;
	return null;
}

function fillColor(fill: Fill, color: PaletteColor): string {
	switch (fill) {
		case 'none':
			return 'none';
		case 'semi':
			return SEMI_FILL;
		case 'solid':
		case 'pattern':
			return color.semi;
		case 'fill':
		case 'lined-fill':
			return color.solid;
	}
}
