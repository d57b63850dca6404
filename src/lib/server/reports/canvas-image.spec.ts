import { createShapeId, type TLRecord } from '@tldraw/tlschema';
import type { IndexKey } from '@tldraw/utils';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCanvasDocument } from '$lib/canvas/canvas-document';
import { canvasRecords, RECORDS_MAP_NAME } from '$lib/canvas/doc-layout';
import {
	arrowBinding,
	arrowShape,
	drawShape,
	frameShape,
	geoShape,
	noteShape,
	textShape
} from '$lib/canvas/test-factories';
import { canvasAltText, canvasSvg } from './canvas-image';

/** A canvas document as the server creates it, holding `records` as well. */
function canvasWith(...records: TLRecord[]): Y.Doc {
	const doc = new Y.Doc();
	createCanvasDocument(doc);
	const map = canvasRecords(doc);
	doc.transact(() => records.forEach((record) => map.set(record)));
	return doc;
}

/** Stores values under ids as they are: anything a peer could have written. */
function storeRaw(doc: Y.Doc, values: Record<string, unknown>): void {
	const map = doc.getMap<unknown>(RECORDS_MAP_NAME);
	doc.transact(() => Object.entries(values).forEach(([id, value]) => map.set(id, value)));
}

function lines(svg: string): string[] {
	return [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((match) => match[1] ?? '');
}

function viewBox(svg: string): number[] {
	const match = /viewBox="([^"]+)"/.exec(svg);
	return (match?.[1] ?? '').split(' ').map(Number);
}

const index = (key: string) => key as IndexKey;

describe('canvasSvg', () => {
	it('draws a note as a square in its colour with its text escaped', () => {
		const note = noteShape('a < b & "c" \u0007', { x: 10, y: 20 });
		const { svg, shapeCount, skipped } = canvasSvg(canvasWith(note));
		expect(shapeCount).toBe(1);
		expect(skipped).toBe(0);
		expect(svg).toContain('<rect width="200" height="200" fill="#fed49a"');
		expect(lines(svg)).toEqual(['a &lt; b &amp; &quot;c&quot;']);
		// No markup character and no control character (not allowed in XML) slipped through.
		expect(svg.replace(/<[^>]*>/g, '')).not.toMatch(/[<>\u0007]/);
	});

	it('crops to the shapes plus a margin and scales the longest side to maxSize', () => {
		const doc = canvasWith(noteShape('een', { x: 100, y: 100 }), noteShape('twee', { x: 500, y: 300 }));
		const full = canvasSvg(doc);
		expect(viewBox(full.svg)).toEqual([60, 60, 680, 480]);
		expect([full.width, full.height]).toEqual([680, 480]);
		const small = canvasSvg(doc, { maxSize: 340 });
		expect([small.width, small.height]).toEqual([340, 240]);
		expect(small.svg).toContain('width="340" height="240" viewBox="60 60 680 480"');
	});

	it('turns a shape about its own position', () => {
		// A note at (500, 500) turned by 45°: its corners at (500, 500), (641.42, 641.42),
		// (500, 782.84) and (358.58, 641.42).
		const { svg } = canvasSvg(canvasWith(noteShape('schuin', { x: 500, y: 500, rotation: Math.PI / 4 })));
		expect(viewBox(svg)).toEqual([318.58, 460, 363, 363]);
		expect(svg).toContain('transform="translate(500 500) rotate(45)"');
	});

	it('places a note in a moved and turned frame relative to the frame, clipped to it', () => {
		const frame = frameShape('', { w: 400, h: 600 }, { x: 1000, y: 0, rotation: Math.PI / 2 });
		const note = noteShape('in het kader', { x: 100, y: 100, parentId: frame.id });
		const { svg } = canvasSvg(canvasWith(note, frame));
		// Turned a quarter clockwise about (1000, 0), the frame covers x 400–1000, y 0–400.
		expect(viewBox(svg)).toEqual([360, -40, 680, 480]);
		expect(svg).toMatch(
			/<g transform="translate\(1000 0\) rotate\(90\)"><rect width="400" height="600"[^>]*\/><clipPath id="([\w-]+)">.*<g clip-path="url\(#\1\)"><g transform="translate\(100 100\)"><rect width="200" height="200" fill="#fed49a"/
		);
	});

	it('draws shapes in z-order: siblings by index as strings, children above their parent', () => {
		const frame = frameShape('Kader', { w: 600, h: 400 }, { index: index('a3') });
		const doc = canvasWith(
			noteShape('Bovenop', { x: 700, index: index('a2') }),
			noteShape('Onderop', { x: 700, index: index('a0') }),
			// "a1V" comes between "a1" and "a2" as a string; as a number it would not.
			noteShape('Midden', { x: 700, index: index('a1V') }),
			noteShape('In het kader', { parentId: frame.id, index: index('a1') }),
			frame
		);
		expect(lines(canvasSvg(doc).svg)).toEqual(['Onderop', 'Midden', 'Bovenop', 'Kader', 'In het kader']);
	});

	it('wraps note text and cuts what does not fit the note with an ellipsis', () => {
		const long = Array.from({ length: 80 }, (_, i) => `woord${i}`).join(' ');
		const drawn = lines(canvasSvg(canvasWith(noteShape(long))).svg);
		// 200 high, 16 padding: five lines of 22 px text at tldraw's line height of 1.35.
		expect(drawn).toHaveLength(5);
		expect(drawn.at(-1)).toMatch(/…$/);
		expect(drawn.slice(0, -1).join(' ')).toBe(long.split(' ').slice(0, drawn.slice(0, -1).join(' ').split(' ').length).join(' '));
	});

	it('ends a bound arrow at the outlines of the shapes it connects, in its own coordinates', () => {
		const from = noteShape('van', { id: createShapeId('van'), x: 0, y: 0 });
		const to = noteShape('naar', { id: createShapeId('naar'), x: 400, y: 0 });
		// The arrow's own points are stale; the bindings decide where it goes.
		const arrow = arrowShape({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 50, y: 20 });
		const doc = canvasWith(from, to, arrow, arrowBinding(arrow.id, from.id, 'start'), arrowBinding(arrow.id, to.id, 'end'));
		// From the right edge of "van" (200, 100) to the left edge of "naar" (400, 100), less (50, 20).
		expect(canvasSvg(doc).svg).toContain('<line x1="150" y1="80" x2="350" y2="80"');
	});

	it('draws an unbound arrow between its own points', () => {
		const arrow = arrowShape({ x: 0, y: 0 }, { x: 300, y: 40 }, { x: 10, y: 10 });
		expect(canvasSvg(canvasWith(arrow)).svg).toContain('<line x1="0" y1="0" x2="300" y2="40"');
	});

	it('draws text, ellipses, pen strokes and image placeholders', () => {
		const ellipse = geoShape('Rond', { x: 300, index: index('a2') });
		ellipse.props.geo = 'ellipse';
		const stroke = drawShape(
			[
				{ x: 0, y: 0, z: 0.5 },
				{ x: 10, y: 5, z: 0.5 },
				{ x: 20, y: 0, z: 0.5 }
			],
			{ x: 0, y: 300 }
		);
		const image = {
			...geoShape('', { x: 600, index: index('a3') }),
			type: 'image',
			props: { w: 120, h: 80, playing: true, url: '', assetId: null, crop: null, flipX: false, flipY: false, altText: '' }
		};
		const doc = canvasWith(textShape('Kop', { y: -100, index: index('a1') }), ellipse, stroke);
		storeRaw(doc, { [image.id]: image });
		const { svg, shapeCount } = canvasSvg(doc);
		expect(shapeCount).toBe(4);
		expect(lines(svg)).toEqual(['Kop', 'Rond', 'Afbeelding']);
		expect(svg).toContain('<ellipse cx="100" cy="60" rx="100" ry="60"');
		expect(svg).toContain('<polyline points="0,0 10,5 20,0"');
	});

	it('skips and counts what it cannot read, and draws the rest', () => {
		const good = noteShape('blijft');
		const doc = canvasWith(good);
		storeRaw(doc, {
			'shape:getal': 42,
			'shape:plek': { ...noteShape('x'), x: 'links' },
			'shape:wees': noteShape('x', { parentId: createShapeId('bestaat-niet') }),
			'shape:soort': { ...noteShape('x'), type: 'vuurwerk' },
			'shape:maat': { ...geoShape('x'), props: { ...geoShape('x').props, w: -5 } },
			'shape:pen': { ...drawShape([]), props: { ...drawShape([]).props, segments: [{ type: 'free', path: '!!' }] } },
			'shape:ver': { ...noteShape('x'), x: 1e300 }
		});
		const { svg, shapeCount, skipped } = canvasSvg(doc);
		expect(shapeCount).toBe(1);
		expect(skipped).toBe(7);
		expect(lines(svg)).toEqual(['blijft']);
	});

	it('gives a small image saying so for an empty canvas', () => {
		const image = canvasSvg(canvasWith());
		expect(image).toMatchObject({ width: 320, height: 120, shapeCount: 0, skipped: 0 });
		expect(image.svg).toContain('>Leeg canvas</text>');
	});

	it('refuses a maxSize below one pixel', () => {
		expect(() => canvasSvg(canvasWith(), { maxSize: 0 })).toThrow(RangeError);
	});

	it('carries the text alternative as its title', () => {
		const frame = frameShape('Tips & tops', { w: 400, h: 400 });
		const { svg } = canvasSvg(canvasWith(frame, noteShape('x', { parentId: frame.id })));
		expect(svg).toContain('<title>Canvas met 1 notitie in 1 kader: Tips &amp; tops.</title>');
	});
});

describe('canvasAltText', () => {
	it('counts the notes and names the frames in reading order', () => {
		const tops = frameShape('Tops', { w: 400, h: 400 }, { x: 0, y: 0 });
		const tips = frameShape('Tips', { w: 400, h: 400 }, { x: 500, y: 0 });
		const later = frameShape('Verbeterpunten', { w: 400, h: 400 }, { x: 0, y: 500 });
		const doc = canvasWith(
			later,
			tips,
			tops,
			noteShape('a', { parentId: tops.id }),
			noteShape('b', { parentId: tips.id }),
			noteShape('c', { parentId: later.id })
		);
		expect(canvasAltText(doc)).toBe('Canvas met 3 notities in 3 kaders: Tops, Tips en Verbeterpunten.');
	});

	it('says "en" when a note is outside the frames, and counts other shapes', () => {
		const frame = frameShape('', { w: 400, h: 400 });
		const doc = canvasWith(frame, noteShape('los', { x: 600 }), textShape('Kop', { y: -100 }), geoShape('vak', { x: 900 }));
		expect(canvasAltText(doc)).toBe('Canvas met 1 notitie en 1 kader. Verder 2 andere vormen.');
	});

	it('says an empty canvas is empty', () => {
		expect(canvasAltText(canvasWith())).toBe('Leeg canvas.');
	});
});
