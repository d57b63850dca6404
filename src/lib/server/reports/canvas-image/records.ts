import { b64Vecs } from '@tldraw/tlschema';
import { z } from 'zod';
import { plainText } from '../../realtime/canvas-notes';
import type { Point } from './geometry';
import { xmlSafe } from './svg-markup';
import type { Align } from './text-layout';
import { BLACK, PALETTE } from './theme';

// The records of a canvas as stored in its Y.Doc. Every record is plain JSON any peer could have
// written, so each one is parsed here; a value that does not fit falls back to tldraw's default
// where one exists, and otherwise the record is not drawn. The limits keep a hostile record from
// making the picture huge or slow.

/** tldraw writes nothing this far out; a coordinate beyond it is garbage, not a drawing. */
const COORDINATE_LIMIT = 10_000_000;
/** Text beyond this many characters per shape is left out (a note shows far less anyway). */
const MAX_TEXT_LENGTH = 5_000;
/** A pen stroke with more points than this is not drawn: no hand draws it, and the SVG would balloon. */
export const MAX_STROKE_POINTS = 20_000;

const coordinate = z.number().min(-COORDINATE_LIMIT).max(COORDINATE_LIMIT);
const length = z.number().min(0).max(COORDINATE_LIMIT);
const point = z.object({ x: coordinate, y: coordinate });
const scaleSchema = z.number().positive().max(1_000).catch(1);
const sizeSchema = z.enum(['s', 'm', 'l', 'xl']).catch('m');
const colorSchema = z
	.string()
	.transform((name) => PALETTE.get(name) ?? BLACK)
	.catch(BLACK);
const fillSchema = z.enum(['none', 'semi', 'solid', 'pattern', 'fill', 'lined-fill']).catch('none');
const dashSchema = z.enum(['draw', 'solid', 'dashed', 'dotted']).catch('solid');
/** tldraw's alignments, including the `-legacy` variants of old documents, to three. */
const alignSchema = z
	.string()
	.transform((value): Align => (value.startsWith('start') ? 'start' : value.startsWith('end') ? 'end' : 'middle'))
	.catch('middle');
const textSchema = z.unknown().transform((richText) => xmlSafe(plainText(richText).slice(0, MAX_TEXT_LENGTH)));

export type Fill = z.infer<typeof fillSchema>;
export type Dash = z.infer<typeof dashSchema>;

/** What every shape record has: where it is, in what order, under which parent. */
export const shapeSchema = z.object({
	typeName: z.literal('shape'),
	type: z.string(),
	x: coordinate,
	y: coordinate,
	rotation: z.number().min(-1_000).max(1_000).catch(0),
	// Fractional index keys are compared as plain strings, as tldraw does.
	index: z.string().catch(''),
	parentId: z.string(),
	opacity: z.number().min(0).max(1).catch(1),
	props: z.unknown()
});

export const pageSchema = z.object({ typeName: z.literal('page'), index: z.string().catch('') });

export const arrowBindingSchema = z.object({
	typeName: z.literal('binding'),
	type: z.literal('arrow'),
	fromId: z.string(),
	toId: z.string(),
	props: z.object({
		terminal: z.enum(['start', 'end']),
		normalizedAnchor: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).catch({ x: 0.5, y: 0.5 }),
		isPrecise: z.boolean().catch(false),
		isExact: z.boolean().catch(false)
	})
});

export const noteProps = z.object({
	color: colorSchema,
	size: sizeSchema,
	scale: scaleSchema,
	growY: length.catch(0),
	align: alignSchema,
	verticalAlign: alignSchema,
	richText: textSchema
});

export const geoProps = z.object({
	geo: z.string().catch('rectangle'),
	w: length,
	h: length,
	growY: length.catch(0),
	scale: scaleSchema,
	color: colorSchema,
	labelColor: colorSchema,
	fill: fillSchema,
	dash: dashSchema,
	size: sizeSchema,
	align: alignSchema,
	verticalAlign: alignSchema,
	richText: textSchema
});

export const frameProps = z.object({ w: length, h: length, name: z.string().max(MAX_TEXT_LENGTH).transform(xmlSafe).catch('') });

export const textProps = z.object({
	color: colorSchema,
	size: sizeSchema,
	scale: scaleSchema,
	textAlign: alignSchema,
	w: length.catch(0),
	autoSize: z.boolean().catch(true),
	richText: textSchema
});

const arrowheadSchema = z.string().transform((head) => head !== 'none');

export const arrowProps = z.object({
	start: point,
	end: point,
	color: colorSchema,
	labelColor: colorSchema,
	dash: dashSchema,
	size: sizeSchema,
	scale: scaleSchema,
	arrowheadStart: arrowheadSchema.catch(false),
	arrowheadEnd: arrowheadSchema.catch(true),
	labelPosition: z.number().min(0).max(1).catch(0.5),
	richText: textSchema
});

const strokeScale = z
	.number()
	.min(-1_000)
	.max(1_000)
	.refine((value) => value !== 0)
	.catch(1);

/** The pen and the highlighter. */
export const drawProps = z.object({
	segments: z.array(z.object({ type: z.enum(['free', 'straight']), path: z.string() })).min(1),
	color: colorSchema,
	size: sizeSchema,
	scale: scaleSchema,
	scaleX: strokeScale,
	scaleY: strokeScale,
	fill: fillSchema,
	dash: dashSchema,
	isClosed: z.boolean().catch(false)
});

export const lineProps = z.object({
	points: z.record(z.string(), z.object({ index: z.string(), x: coordinate, y: coordinate })),
	color: colorSchema,
	size: sizeSchema,
	scale: scaleSchema,
	dash: dashSchema
});

/** Images, videos, embeds and bookmarks: only their size is drawn. */
export const boxProps = z.object({ w: length, h: length });

export type ShapeRecord = z.infer<typeof shapeSchema> & { id: string };
export type ArrowBinding = z.infer<typeof arrowBindingSchema>;

/** tldraw's order of siblings (and pages, and line points): by index key as a plain string, then by id. */
export function byIndex(a: { index: string; id: string }, b: { index: string; id: string }): number {
	if (a.index !== b.index) return a.index < b.index ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The points of a draw segment: tldraw 5 stores them as base64 of little-endian floats, the
 * first point as three Float32 (x, y, pressure), every next one as three Float16 deltas
 * (tlschema's b64Vecs). Null when the path does not decode to finite points.
 */
export function decodeStroke(path: string): Point[] | null {
	// 16 base64 characters for the first point, 8 for every next one.
	if (path.length < 16 || (path.length - 16) % 8 !== 0 || (path.length - 16) / 8 >= MAX_STROKE_POINTS) return null;
	try {
		const points = b64Vecs.decodePoints(path);
		const usable = (value: number) => Number.isFinite(value) && Math.abs(value) < COORDINATE_LIMIT;
		return points.every((p) => usable(p.x) && usable(p.y)) ? points.map((p) => ({ x: p.x, y: p.y })) : null;
	} catch {
		return null;
	}
}
