import {
	b64Vecs,
	createBindingId,
	createShapeId,
	PageRecordType,
	toRichText,
	type TLArrowBinding,
	type TLArrowShape,
	type TLDrawShape,
	type TLFrameShape,
	type TLGeoShape,
	type TLNoteShape,
	type TLPageId,
	type TLParentId,
	type TLShapeId,
	type TLTextShape,
	type VecModel
} from '@tldraw/tlschema';
import { ZERO_INDEX_KEY, type IndexKey } from '@tldraw/utils';

// Small factories for tests and the layout benchmark: valid tldraw 5 shape records without an
// Editor (the shape utils that know the defaults live in the React-side editor package).
// Imports packages only, so `node bench/canvas-doc-layout.ts` can load this file directly.

/** The page every factory puts shapes on unless told otherwise; canvas-document.ts creates it. */
export const TEST_PAGE_ID: TLPageId = PageRecordType.createId('page');

interface ShapePlacement {
	id?: TLShapeId;
	x?: number;
	y?: number;
	/** In radians, clockwise, about the shape's own (x, y). */
	rotation?: number;
	index?: IndexKey;
	/** The page, or a frame or group the shape sits in (x and y are then relative to it). */
	parentId?: TLParentId;
}

/** What every shape record has, placed as asked. */
function shapeBase(placement: ShapePlacement) {
	return {
		id: placement.id ?? createShapeId(),
		typeName: 'shape' as const,
		x: placement.x ?? 0,
		y: placement.y ?? 0,
		rotation: placement.rotation ?? 0,
		index: placement.index ?? ZERO_INDEX_KEY,
		parentId: placement.parentId ?? TEST_PAGE_ID,
		isLocked: false,
		opacity: 1,
		meta: {}
	};
}

/** A sticky note with `text`, as tldraw 5.1 writes one (note shape props version 12). */
export function noteShape(text: string, placement: ShapePlacement = {}): TLNoteShape {
	return {
		...shapeBase(placement),
		type: 'note',
		props: {
			color: 'yellow',
			labelColor: 'black',
			size: 'm',
			font: 'draw',
			fontSizeAdjustment: null,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: toRichText(text),
			scale: 1,
			textFirstEditedBy: null
		}
	};
}

/** A rectangle with a label (geo shape props version 11). */
export function geoShape(label: string, placement: ShapePlacement = {}): TLGeoShape {
	return {
		...shapeBase(placement),
		type: 'geo',
		props: {
			geo: 'rectangle',
			dash: 'draw',
			url: '',
			w: 200,
			h: 120,
			growY: 0,
			scale: 1,
			labelColor: 'black',
			color: 'blue',
			fill: 'semi',
			size: 'm',
			font: 'draw',
			align: 'middle',
			verticalAlign: 'middle',
			richText: toRichText(label)
		}
	};
}

/** A frame named `name`, `w` by `h` (frame shape props version 1). */
export function frameShape(name: string, size: { w: number; h: number }, placement: ShapePlacement = {}): TLFrameShape {
	return { ...shapeBase(placement), type: 'frame', props: { w: size.w, h: size.h, name, color: 'black' } };
}

/** A text shape, sized to its text unless `w` is given (then it wraps at that width). */
export function textShape(text: string, placement: ShapePlacement & { w?: number } = {}): TLTextShape {
	return {
		...shapeBase(placement),
		type: 'text',
		props: {
			color: 'black',
			size: 'm',
			font: 'sans',
			textAlign: 'start',
			w: placement.w ?? 8,
			richText: toRichText(text),
			scale: 1,
			autoSize: placement.w === undefined
		}
	};
}

/** A straight arrow from `start` to `end`, both relative to the arrow's own position. */
export function arrowShape(start: VecModel, end: VecModel, placement: ShapePlacement = {}): TLArrowShape {
	return {
		...shapeBase(placement),
		type: 'arrow',
		props: {
			kind: 'arc',
			labelColor: 'black',
			color: 'black',
			fill: 'none',
			dash: 'draw',
			size: 'm',
			arrowheadStart: 'none',
			arrowheadEnd: 'arrow',
			font: 'draw',
			start,
			end,
			bend: 0,
			richText: toRichText(''),
			labelPosition: 0.5,
			scale: 1,
			elbowMidPoint: 0.5
		}
	};
}

/** Binds one end of an arrow to the centre of a shape. */
export function arrowBinding(arrowId: TLShapeId, toId: TLShapeId, terminal: 'start' | 'end'): TLArrowBinding {
	return {
		id: createBindingId(),
		typeName: 'binding',
		type: 'arrow',
		fromId: arrowId,
		toId,
		props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
		meta: {}
	};
}

/** A freehand pen stroke through `points` (relative to the shape), as one segment. */
export function drawShape(points: VecModel[], placement: ShapePlacement = {}): TLDrawShape {
	return {
		...shapeBase(placement),
		type: 'draw',
		props: {
			color: 'black',
			fill: 'none',
			dash: 'draw',
			size: 'm',
			segments: [{ type: 'free', path: b64Vecs.encodePoints(points) }],
			isComplete: true,
			isClosed: false,
			isPen: false,
			scale: 1,
			scaleX: 1,
			scaleY: 1
		}
	};
}
