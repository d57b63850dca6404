import {
	createShapeId,
	PageRecordType,
	toRichText,
	type TLGeoShape,
	type TLNoteShape,
	type TLPageId
} from '@tldraw/tlschema';
import { ZERO_INDEX_KEY, type IndexKey } from '@tldraw/utils';

// Small factories for tests and the layout benchmark: valid tldraw 5 shape records without an
// Editor (the shape utils that know the defaults live in the React-side editor package).
// Imports packages only, so `node bench/canvas-doc-layout.ts` can load this file directly.

/** The page every factory puts shapes on unless told otherwise; canvas-document.ts creates it. */
export const TEST_PAGE_ID: TLPageId = PageRecordType.createId('page');

interface ShapePlacement {
	id?: TLNoteShape['id'];
	x?: number;
	y?: number;
	index?: IndexKey;
	parentId?: TLPageId;
}

/** What every shape record has, placed as asked. */
function shapeBase(placement: ShapePlacement) {
	return {
		id: placement.id ?? createShapeId(),
		typeName: 'shape' as const,
		x: placement.x ?? 0,
		y: placement.y ?? 0,
		rotation: 0,
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
