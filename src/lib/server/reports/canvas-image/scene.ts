import type * as Y from 'yjs';
import { canvasRecords } from '$lib/canvas/doc-layout';
import { arrowDrawing, bindingKey, type PlacedOutline } from './arrows';
import { drawingBox, drawingOf, outlineOf, type Drawing } from './drawings';
import {
	corners,
	emptyBox,
	extendBox,
	IDENTITY,
	multiply,
	placementMatrix,
	transformPoint,
	type Box,
	type Matrix
} from './geometry';
import { arrowBindingSchema, byIndex, pageSchema, shapeSchema, type ArrowBinding, type ShapeRecord } from './records';

// The scene: the shapes of a canvas's first page as a tree of parents and children in z-order,
// each placed on the page and turned into its drawing. Whatever cannot be read or placed is
// skipped and counted, so a broken record never stops the picture.

/** Frames inside frames inside …: a chain deeper than this is not drawn. */
const MAX_NESTING = 32;

export interface SceneShape {
	id: string;
	record: ShapeRecord;
	/** Shape coordinates → page coordinates. */
	page: Matrix;
	drawing: Drawing | null;
	children: SceneShape[];
	/** True when a frame is among its ancestors. */
	inFrame: boolean;
}

export type DrawnShape = SceneShape & { drawing: Drawing };

export interface Scene {
	/** The page's shapes, in z-order, each holding its children in z-order. */
	roots: SceneShape[];
	/** Every drawn shape, in z-order. */
	shapes: DrawnShape[];
	skipped: number;
}

/** Reads the first page of a canvas document; see {@link Scene}. */
/** `omit`: shape ids left out of the picture (with whatever sits inside them), such as notes an organizer left out of a report. */
export function readScene(doc: Y.Doc, omit: ReadonlySet<string> = new Set()): Scene {
	let skipped = 0;
	const shapes = new Map<string, ShapeRecord>();
	const pages: { id: string; index: string }[] = [];
	const bindings = new Map<string, ArrowBinding>();
	for (const [id, value] of canvasRecords(doc).entries()) {
		const typeName = typeof value === 'object' && value !== null && 'typeName' in value ? value.typeName : undefined;
		if (typeName === 'shape') {
			if (omit.has(id)) continue;
			const shape = shapeSchema.safeParse(value);
			if (shape.success) shapes.set(id, { ...shape.data, id });
			else skipped++;
		} else if (typeName === 'page') {
			const page = pageSchema.safeParse(value);
			if (page.success) pages.push({ id, index: page.data.index });
		} else if (typeName === 'binding') {
			const binding = arrowBindingSchema.safeParse(value);
			if (binding.success) bindings.set(bindingKey(binding.data.fromId, binding.data.props.terminal), binding.data);
		} else if (typeof typeName !== 'string') {
			// Not a record at all; other record types (document, assets, …) draw nothing.
			skipped++;
		}
	}

	const children = new Map<string, ShapeRecord[]>();
	for (const shape of shapes.values()) {
		const siblings = children.get(shape.parentId);
		if (siblings) siblings.push(shape);
		else children.set(shape.parentId, [shape]);
	}
	for (const siblings of children.values()) siblings.sort(byIndex);

	const roots: SceneShape[] = [];
	const placed: SceneShape[] = [];
	const pageId = firstPageId(pages, shapes);
	const place = (record: ShapeRecord, parent: SceneShape | null, depth: number): SceneShape => {
		const shape: SceneShape = {
			id: record.id,
			record,
			page: multiply(parent?.page ?? IDENTITY, placementMatrix(record.x, record.y, record.rotation)),
			drawing: null,
			children: [],
			inFrame: parent !== null && (parent.inFrame || parent.record.type === 'frame')
		};
		placed.push(shape);
		if (depth < MAX_NESTING) {
			for (const child of children.get(record.id) ?? []) shape.children.push(place(child, shape, depth + 1));
		}
		return shape;
	};
	for (const record of children.get(pageId ?? '') ?? []) roots.push(place(record, null, 1));
	// Shapes on other pages, under a parent that is missing or too deep, or in a loop of parents.
	skipped += shapes.size - placed.length;

	// Arrows last: an arrow bound to a shape ends at that shape's outline.
	const outlines = new Map<string, PlacedOutline>();
	for (const shape of placed) {
		if (shape.record.type === 'arrow' || shape.record.type === 'group') continue;
		shape.drawing = drawingOf(shape.record);
		const outline = shape.drawing && outlineOf(shape.drawing);
		if (outline) outlines.set(shape.id, { page: shape.page, outline });
	}
	for (const shape of placed) {
		if (shape.record.type === 'arrow') shape.drawing = arrowDrawing(shape, bindings, outlines);
		if (!shape.drawing && shape.record.type !== 'group') skipped++;
	}

	const drawn: DrawnShape[] = [];
	const collect = (shape: SceneShape) => {
		if (shape.drawing) drawn.push({ ...shape, drawing: shape.drawing });
		shape.children.forEach(collect);
	};
	roots.forEach(collect);
	return { roots, shapes: drawn, skipped };
}

/** The page drawn: the first by index; without page records, the first page shapes name. */
function firstPageId(pages: { id: string; index: string }[], shapes: Map<string, ShapeRecord>): string | undefined {
	if (pages.length > 0) return pages.sort(byIndex)[0]?.id;
	const named = [...shapes.values()].map((shape) => shape.parentId).filter((id) => id.startsWith('page:'));
	return named.sort()[0];
}

/** What the drawn shapes cover on the page. */
export function sceneBounds(scene: Scene): Box {
	const box = emptyBox();
	for (const shape of scene.shapes) {
		for (const corner of corners(drawingBox(shape.drawing))) extendBox(box, transformPoint(shape.page, corner));
	}
	return box;
}
