// Points, boxes and affine transforms: where shapes sit on the page, and what they cover.

export interface Point {
	x: number;
	y: number;
}

export interface Box {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** An affine transform in SVG's order [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `outer` after `inner`: a point goes through `inner` first. */
export function multiply(outer: Matrix, inner: Matrix): Matrix {
	const [a, b, c, d, e, f] = outer;
	const [A, B, C, D, E, F] = inner;
	return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

export function invert(m: Matrix): Matrix {
	const [a, b, c, d, e, f] = m;
	const det = a * d - b * c;
	return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function transformPoint(m: Matrix, p: Point): Point {
	return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] };
}

/** A shape's place in its parent: moved to (x, y), then turned by `rotation` radians about that point. */
export function placementMatrix(x: number, y: number, rotation: number): Matrix {
	const cos = Math.cos(rotation);
	const sin = Math.sin(rotation);
	return [cos, sin, -sin, cos, x, y];
}

/** The box around `points`, grown by `pad` on every side. */
export function boxOf(points: Point[], pad = 0): Box {
	const box = emptyBox();
	for (const p of points) extendBox(box, p);
	return { minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad };
}

/** A box around nothing, which any point extends. */
export function emptyBox(): Box {
	return { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
}

export function extendBox(box: Box, p: Point): void {
	box.minX = Math.min(box.minX, p.x);
	box.minY = Math.min(box.minY, p.y);
	box.maxX = Math.max(box.maxX, p.x);
	box.maxY = Math.max(box.maxY, p.y);
}

export function corners(box: Box): Point[] {
	return [
		{ x: box.minX, y: box.minY },
		{ x: box.maxX, y: box.minY },
		{ x: box.maxX, y: box.maxY },
		{ x: box.minX, y: box.maxY }
	];
}

export function unionBox(a: Box, b: Box): Box {
	return {
		minX: Math.min(a.minX, b.minX),
		minY: Math.min(a.minY, b.minY),
		maxX: Math.max(a.maxX, b.maxX),
		maxY: Math.max(a.maxY, b.maxY)
	};
}
