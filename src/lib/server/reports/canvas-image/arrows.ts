import { dashArray, strokeWidthOf, type Drawing, type Outline } from './drawings';
import { invert, transformPoint, type Box, type Matrix, type Point } from './geometry';
import { arrowProps, type ArrowBinding, type ShapeRecord } from './records';
import { layoutText } from './text-layout';
import { ARROW_LABEL_FONT_SIZES, BASE_FONT_SIZE, LINE_HEIGHT, NOTE_SIZE } from './theme';

// Arrows, drawn after every other shape: an arrow bound to a shape ends at that shape's outline,
// wherever the arrow record itself says its ends are.

/** A drawn shape's outline with its place on the page: what a bound arrow ends at. */
export interface PlacedOutline {
	page: Matrix;
	outline: Outline;
}

/** The arrow shape being drawn, placed on the page. */
interface PlacedArrow {
	id: string;
	record: ShapeRecord;
	/** Shape coordinates → page coordinates. */
	page: Matrix;
}

/** The key under which an arrow's binding at one end is looked up. */
export function bindingKey(arrowId: string, terminal: 'start' | 'end'): string {
	return `${arrowId}/${terminal}`;
}

/**
 * An arrow as a straight line. An end bound to a drawn shape goes to that shape (its anchor, or
 * its centre when the binding is not precise) and stops at the shape's outline; an unbound end,
 * or one bound to a shape without a simple outline, stays where the arrow record puts it. Bends
 * and elbows are drawn straight.
 */
export function arrowDrawing(
	shape: PlacedArrow,
	bindings: Map<string, ArrowBinding>,
	outlines: Map<string, PlacedOutline>
): Drawing | null {
	const result = arrowProps.safeParse(shape.record.props);
	if (!result.success) return null;
	const props = result.data;

	const terminal = (name: 'start' | 'end', own: Point) => {
		const binding = bindings.get(bindingKey(shape.id, name));
		const target = binding && binding.toId !== shape.id ? outlines.get(binding.toId) : undefined;
		if (!binding || !target) return { page: transformPoint(shape.page, own), target: null };
		const { box } = target.outline;
		const anchor = binding.props.isPrecise ? binding.props.normalizedAnchor : { x: 0.5, y: 0.5 };
		const local = { x: box.minX + anchor.x * (box.maxX - box.minX), y: box.minY + anchor.y * (box.maxY - box.minY) };
		return { page: transformPoint(target.page, local), target: binding.props.isExact ? null : target };
	};
	const start = terminal('start', props.start);
	const end = terminal('end', props.end);
	const startPage = start.target ? clipToOutline(end.page, start.page, start.target) : start.page;
	const endPage = end.target ? clipToOutline(start.page, end.page, end.target) : end.page;

	const toShape = invert(shape.page);
	const from = transformPoint(toShape, startPage);
	const to = transformPoint(toShape, endPage);
	const strokeWidth = strokeWidthOf(props.size, props.scale);
	const along = props.labelPosition;
	const labelPoint = { x: from.x + (to.x - from.x) * along, y: from.y + (to.y - from.y) * along };
	const fontSize = BASE_FONT_SIZE * ARROW_LABEL_FONT_SIZES[props.size] * props.scale;
	const label = layoutText(props.richText, {
		fontSize,
		bold: false,
		maxWidth: NOTE_SIZE * props.scale,
		fill: props.labelColor.solid,
		anchor: 'middle',
		x: labelPoint.x,
		top: 0
	});
	label.top = labelPoint.y - (label.lines.length * fontSize * LINE_HEIGHT) / 2;
	return {
		kind: 'arrow',
		start: from,
		end: to,
		headStart: props.arrowheadStart,
		headEnd: props.arrowheadEnd,
		stroke: props.color.solid,
		strokeWidth,
		dash: dashArray(props.dash, strokeWidth),
		label
	};
}

/**
 * Where the line from `from` to `anchor` (page coordinates) first meets the target's outline.
 * The anchor itself when `from` is already inside the outline, or the line never meets it.
 */
function clipToOutline(from: Point, anchor: Point, target: PlacedOutline): Point {
	const toTarget = invert(target.page);
	const p = transformPoint(toTarget, from);
	const a = transformPoint(toTarget, anchor);
	const t = target.outline.ellipse ? ellipseEntry(p, a, target.outline.box) : boxEntry(p, a, target.outline.box);
	if (t === null || t <= 0) return anchor;
	return { x: from.x + (anchor.x - from.x) * t, y: from.y + (anchor.y - from.y) * t };
}

/** The fraction of the way from p to a where the segment enters the box (Liang–Barsky), or null. */
function boxEntry(p: Point, a: Point, box: Box): number | null {
	let enter = 0;
	let leave = 1;
	const dx = a.x - p.x;
	const dy = a.y - p.y;
	for (const [delta, distance] of [
		[-dx, p.x - box.minX],
		[dx, box.maxX - p.x],
		[-dy, p.y - box.minY],
		[dy, box.maxY - p.y]
	] as const) {
		if (delta === 0) {
			if (distance < 0) return null;
			continue;
		}
		const t = distance / delta;
		if (delta < 0) enter = Math.max(enter, t);
		else leave = Math.min(leave, t);
	}
	return enter <= leave ? enter : null;
}

/** The fraction of the way from p to a where the segment enters the ellipse inscribed in the box, or null. */
function ellipseEntry(p: Point, a: Point, box: Box): number | null {
	const rx = (box.maxX - box.minX) / 2;
	const ry = (box.maxY - box.minY) / 2;
	if (rx <= 0 || ry <= 0) return null;
	const px = (p.x - box.minX - rx) / rx;
	const py = (p.y - box.minY - ry) / ry;
	const dx = (a.x - p.x) / rx;
	const dy = (a.y - p.y) / ry;
	const qa = dx * dx + dy * dy;
	const qb = 2 * (px * dx + py * dy);
	const qc = px * px + py * py - 1;
	if (qc <= 0) return 0;
	const discriminant = qb * qb - 4 * qa * qc;
	if (qa === 0 || discriminant < 0) return null;
	const t = (-qb - Math.sqrt(discriminant)) / (2 * qa);
	return t >= 0 && t <= 1 ? t : null;
}
