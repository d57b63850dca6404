import type { Drawing } from './drawings';
import { baselineInLine } from './font-metrics';
import type { Point } from './geometry';
import type { SceneShape } from './scene';
import { element, escapeXml, num, type Attributes } from './svg-markup';
import { isEmptyText, type TextBlock } from './text-layout';
import { FRAME_STROKE, LINE_HEIGHT, PLACEHOLDER_FILL, PLACEHOLDER_STROKE } from './theme';

// Each shape of the scene as SVG markup: placed and turned in its parent, its drawing, then its
// children on top.

/** Numbers the clip paths of one picture, so every frame's id is unique in it. */
export interface ClipIds {
	next: number;
}

/** A shape and its children, in its parent's coordinates; a frame clips its children, as in tldraw. */
export function shapeSvg(shape: SceneShape, clipIds: ClipIds): string {
	const { x, y, rotation, opacity } = shape.record;
	let transform = `translate(${num(x)} ${num(y)})`;
	if (rotation !== 0) transform += ` rotate(${num((rotation * 180) / Math.PI)})`;
	let content = shape.drawing ? drawingSvg(shape.drawing) : '';
	if (shape.children.length > 0) {
		const children = shape.children.map((child) => shapeSvg(child, clipIds)).join('');
		if (shape.drawing?.kind === 'frame') {
			const id = `canvas-clip-${clipIds.next++}`;
			content +=
				element('clipPath', { id }, element('rect', { width: shape.drawing.w, height: shape.drawing.h })) +
				element('g', { 'clip-path': `url(#${id})` }, children);
		} else {
			content += children;
		}
	}
	return element('g', { transform, opacity: opacity < 1 ? opacity : null }, content);
}

function drawingSvg(drawing: Drawing): string {
	switch (drawing.kind) {
		case 'note': {
			const edge = { stroke: '#000000', 'stroke-opacity': 0.12, 'stroke-width': drawing.scale };
			return element('rect', { width: drawing.w, height: drawing.h, fill: drawing.fill, ...edge }) + textSvg(drawing.text);
		}
		case 'geo': {
			const { w, h } = drawing;
			const paint = {
				fill: drawing.fill,
				stroke: drawing.stroke,
				'stroke-width': drawing.strokeWidth,
				'stroke-dasharray': drawing.dash,
				'stroke-linejoin': 'round'
			};
			const outline = drawing.ellipse
				? element('ellipse', { cx: w / 2, cy: h / 2, rx: w / 2, ry: h / 2, ...paint })
				: element('rect', { width: w, height: h, ...paint });
			return outline + textSvg(drawing.label);
		}
		case 'frame': {
			const paint = { fill: '#ffffff', stroke: FRAME_STROKE, 'stroke-width': 1.5 };
			return element('rect', { width: drawing.w, height: drawing.h, ...paint }) + textSvg(drawing.label);
		}
		case 'text':
			return textSvg(drawing.text);
		case 'arrow':
			return arrowSvg(drawing);
		case 'stroke':
			return strokeSvg(drawing);
		case 'placeholder': {
			const paint = { fill: PLACEHOLDER_FILL, stroke: PLACEHOLDER_STROKE, 'stroke-width': 1 };
			return element('rect', { width: drawing.w, height: drawing.h, ...paint }) + textSvg(drawing.label);
		}
	}
}

function arrowSvg(drawing: Extract<Drawing, { kind: 'arrow' }>): string {
	const { start, end, strokeWidth } = drawing;
	const length = Math.hypot(end.x - start.x, end.y - start.y);
	const paint = {
		fill: 'none',
		stroke: drawing.stroke,
		'stroke-width': strokeWidth,
		'stroke-linecap': 'round',
		'stroke-linejoin': 'round'
	};
	let svg = element('line', {
		x1: start.x,
		y1: start.y,
		x2: end.x,
		y2: end.y,
		...paint,
		'stroke-dasharray': drawing.dash
	});
	if (length >= 1) {
		const headLength = Math.min(length / 2, strokeWidth * 3 + 10);
		if (drawing.headEnd) svg += element('polyline', { points: arrowhead(start, end, headLength), ...paint });
		if (drawing.headStart) svg += element('polyline', { points: arrowhead(end, start, headLength), ...paint });
	}
	// A white halo keeps the label readable where it crosses the line.
	const halo = {
		stroke: '#ffffff',
		'stroke-width': drawing.label.fontSize / 3,
		'stroke-linejoin': 'round',
		'paint-order': 'stroke'
	};
	return svg + textSvg(drawing.label, halo);
}

/** An open arrowhead at `tip`, for a line coming from `from`: the two barbs and the tip. */
function arrowhead(from: Point, tip: Point, headLength: number): string {
	const angle = Math.atan2(tip.y - from.y, tip.x - from.x);
	const spread = Math.PI / 6;
	const barb = (side: number) => ({
		x: tip.x - headLength * Math.cos(angle + side * spread),
		y: tip.y - headLength * Math.sin(angle + side * spread)
	});
	return pointList([barb(1), tip, barb(-1)]);
}

function strokeSvg(drawing: Extract<Drawing, { kind: 'stroke' }>): string {
	const opacity = drawing.strokeOpacity < 1 ? drawing.strokeOpacity : null;
	const [first] = drawing.points;
	if (drawing.points.length === 1 && first) {
		// A single tap of the pen is a dot.
		const dot = { r: drawing.strokeWidth / 2, fill: drawing.stroke, 'fill-opacity': opacity };
		return element('circle', { cx: first.x, cy: first.y, ...dot });
	}
	return element('polyline', {
		points: pointList(drawing.points),
		fill: drawing.fill,
		stroke: drawing.stroke,
		'stroke-width': drawing.strokeWidth,
		'stroke-opacity': opacity,
		'stroke-linecap': 'round',
		'stroke-linejoin': 'round',
		'stroke-dasharray': drawing.dash
	});
}

function pointList(points: Point[]): string {
	return points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ');
}

/** A text block as one `<text>` with a `<tspan>` per line; `extra` adds attributes (a halo). */
function textSvg(block: TextBlock, extra: Attributes = {}): string {
	if (isEmptyText(block)) return '';
	const lineHeight = block.fontSize * LINE_HEIGHT;
	const baseline = baselineInLine(block.fontSize);
	const spans = block.lines
		.map((line, i) =>
			line === '' ? '' : element('tspan', { x: block.x, y: block.top + i * lineHeight + baseline }, escapeXml(line))
		)
		.join('');
	const attributes = {
		'font-size': block.fontSize,
		'font-weight': block.bold ? 'bold' : null,
		fill: block.fill,
		'text-anchor': block.anchor,
		...extra
	};
	return element('text', attributes, spans);
}
