import type * as Y from 'yjs';
import { sceneAltText } from './canvas-image/alt-text';
import { readScene, sceneBounds } from './canvas-image/scene';
import { shapeSvg } from './canvas-image/shape-svg';
import { element, escapeXml, num } from './canvas-image/svg-markup';
import { PLACEHOLDER_STROKE, PLACEHOLDER_TEXT } from './canvas-image/theme';

// A canvas as a picture for session reports: a clean, schematic SVG of the whiteboard, drawn from
// the records in the Y.Doc without a browser or tldraw's editor. Every record is plain JSON any
// peer could have written, so each one is parsed, and what does not fit is skipped and counted.
//
// Sizes, colours and fonts follow tldraw 5.1's light theme, so the picture looks like what
// people saw, in Noto Sans throughout. Text is wrapped here, by an estimate of Noto Sans's
// character widths. The parts, under canvas-image/:
//   scene.ts        the records read into a tree of placed shapes in z-order (records.ts parses them)
//   drawings.ts     what each kind of shape draws; arrows.ts ends bound arrows at their shapes
//   text-layout.ts  wrapping, shrinking and cutting text (by font-metrics.ts)
//   shape-svg.ts    the shapes as SVG markup (written with svg-markup.ts)
//   alt-text.ts     the canvas in words

/** Output of {@link canvasSvg}. */
export interface CanvasSvg {
	/** A standalone SVG document (UTF-8 text), white background, text in Noto Sans. */
	svg: string;
	/** Its size in pixels: the `width` and `height` attributes of the root element. */
	width: number;
	height: number;
	/** The text alternative, as {@link canvasAltText} gives it (read from the same scene). */
	alt: string;
	/** Shapes drawn. */
	shapeCount: number;
	/**
	 * Shapes not drawn, plus stored values that are not records at all: unknown shape types,
	 * shapes whose properties do not parse (or whose strokes cannot be decoded), shapes on another
	 * page or under a missing parent. Groups are neither: they draw nothing but their children.
	 */
	skipped: number;
}

export interface CanvasSvgOptions {
	/** Longest side of the image in pixels; a canvas smaller than this is not enlarged. */
	maxSize?: number;
	/** Shape ids not to draw: what the organizer left out of a report must not show in its picture either. */
	omit?: ReadonlySet<string>;
}

/** Longest side of a canvas image unless asked otherwise: sharp on a page, fine for a PDF. */
export const DEFAULT_MAX_SIZE = 2400;

/** Room around the shapes, in canvas units. */
const MARGIN = 40;
/** What an empty canvas shows instead, in pixels. */
const EMPTY_WIDTH = 320;
const EMPTY_HEIGHT = 120;
const FONT_FAMILY = "'Noto Sans', sans-serif";
/** The page behind the shapes; white rather than tldraw's off-white, for paper and PDFs. */
const BACKGROUND = '#ffffff';

/**
 * Draws the first page of a canvas document as an SVG: every shape it can read, cropped to the
 * shapes plus a margin, scaled so the longest side is at most `maxSize` pixels (default
 * {@link DEFAULT_MAX_SIZE}; the viewBox keeps canvas units). An empty canvas gives a small image
 * saying "Leeg canvas". The text alternative ({@link canvasAltText}) is the SVG's `<title>`.
 */
export function canvasSvg(doc: Y.Doc, options: CanvasSvgOptions = {}): CanvasSvg {
	const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
	if (!Number.isFinite(maxSize) || maxSize < 1) {
		throw new RangeError(`canvasSvg: maxSize must be at least 1, not ${maxSize}`);
	}
	const scene = readScene(doc, options.omit);
	const alt = sceneAltText(scene);
	const drawn = scene.shapes.length;
	if (drawn === 0) return emptySvg(maxSize, scene.skipped, alt);

	const bounds = sceneBounds(scene);
	const cropped = {
		w: bounds.maxX - bounds.minX + 2 * MARGIN,
		h: bounds.maxY - bounds.minY + 2 * MARGIN
	};
	const scale = Math.min(1, maxSize / Math.max(cropped.w, cropped.h));
	const width = wholePixels(cropped.w * scale, maxSize);
	const height = wholePixels(cropped.h * scale, maxSize);
	// The viewBox grows to whole pixels, so one canvas unit is exactly `scale` pixels both ways.
	const viewBox = { x: bounds.minX - MARGIN, y: bounds.minY - MARGIN, w: width / scale, h: height / scale };
	const clipIds = { next: 0 };
	const svg = svgDocument(
		{ width, height, viewBox: [viewBox.x, viewBox.y, viewBox.w, viewBox.h].map(num).join(' ') },
		alt,
		element('rect', { x: viewBox.x, y: viewBox.y, width: viewBox.w, height: viewBox.h, fill: BACKGROUND }) +
			scene.roots.map((shape) => shapeSvg(shape, clipIds)).join('')
	);
	return { svg, width, height, alt, shapeCount: drawn, skipped: scene.skipped };
}

/**
 * A short Dutch text alternative for the canvas image: how many notes, which frames, how many
 * other shapes. For example "Canvas met 12 notities in 3 kaders: Tops, Tips en Verbeterpunten."
 * ("in" when every note sits in a frame, "en" otherwise). Plain text: escape it where it goes.
 */
export function canvasAltText(doc: Y.Doc, omit?: ReadonlySet<string>): string {
	return sceneAltText(readScene(doc, omit));
}

/** Pixels to hold `size`, where a turned shape's 400.00000000000006 is 400. */
function wholePixels(size: number, maxSize: number): number {
	return Math.max(1, Math.min(Math.ceil(size - 1e-6), Math.floor(maxSize)));
}

function emptySvg(maxSize: number, skipped: number, alt: string): CanvasSvg {
	const scale = Math.min(1, maxSize / EMPTY_WIDTH);
	const width = wholePixels(EMPTY_WIDTH * scale, maxSize);
	const height = wholePixels(EMPTY_HEIGHT * scale, maxSize);
	const textStyle = { 'font-size': 20, fill: PLACEHOLDER_TEXT, 'text-anchor': 'middle' };
	const svg = svgDocument(
		{ width, height, viewBox: `0 0 ${EMPTY_WIDTH} ${EMPTY_HEIGHT}` },
		'Leeg canvas.',
		element('rect', { width: EMPTY_WIDTH, height: EMPTY_HEIGHT, fill: BACKGROUND, stroke: PLACEHOLDER_STROKE }) +
			element('text', { x: EMPTY_WIDTH / 2, y: EMPTY_HEIGHT / 2 + 7, ...textStyle }, 'Leeg canvas')
	);
	return { svg, width, height, alt, shapeCount: 0, skipped };
}

/** The root element, with its title (the text alternative) first. */
function svgDocument(size: { width: number; height: number; viewBox: string }, title: string, content: string): string {
	const root = { xmlns: 'http://www.w3.org/2000/svg', ...size, 'font-family': FONT_FAMILY };
	return element('svg', root, element('title', {}, escapeXml(title)) + content);
}
