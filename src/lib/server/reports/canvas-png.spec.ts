import type { TLRecord } from '@tldraw/tlschema';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCanvasDocument } from '$lib/canvas/canvas-document';
import { canvasRecords } from '$lib/canvas/doc-layout';
import { frameShape, noteShape, textShape } from '$lib/canvas/test-factories';
import { canvasSvg } from './canvas-image';
import { svgToPng } from './canvas-png';

function canvasWith(...records: TLRecord[]): Y.Doc {
	const doc = new Y.Doc();
	createCanvasDocument(doc);
	const map = canvasRecords(doc);
	doc.transact(() => records.forEach((record) => map.set(record)));
	return doc;
}

interface DecodedPng {
	width: number;
	height: number;
	/** RGBA, row by row. */
	pixels: Uint8Array;
}

/** Just enough of a PNG decoder for resvg's output: 8-bit RGBA, not interlaced. */
function decodePng(png: Uint8Array): DecodedPng {
	const bytes = Buffer.from(png);
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	let width = 0;
	let height = 0;
	const data: Buffer[] = [];
	for (let offset = 8; offset < bytes.length; ) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.toString('latin1', offset + 4, offset + 8);
		const body = bytes.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			// Bit depth 8, colour type 6 (RGBA), no interlacing.
			expect([body[8], body[9], body[12]]).toEqual([8, 6, 0]);
		}
		if (type === 'IDAT') data.push(body);
		offset += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * 4;
	const pixels = new Uint8Array(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		for (let x = 0; x < stride; x++) {
			const value = raw[y * (stride + 1) + 1 + x] ?? 0;
			const left = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
			const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
			const upLeft = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
			const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0] ?? 0;
			pixels[y * stride + x] = (value + predicted) & 0xff;
		}
	}
	return { width, height, pixels };
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function rgb(image: DecodedPng, x: number, y: number): string {
	const i = (y * image.width + x) * 4;
	return [...image.pixels.subarray(i, i + 3)].map((channel) => channel.toString(16).padStart(2, '0')).join('');
}

/** Pixels in a rectangle clearly darker than the background: ink, as text leaves it. */
function ink(image: DecodedPng, box: { x: number; y: number; w: number; h: number }): number {
	let count = 0;
	for (let y = box.y; y < box.y + box.h; y++) {
		for (let x = box.x; x < box.x + box.w; x++) if ((image.pixels[(y * image.width + x) * 4] ?? 255) < 128) count++;
	}
	return count;
}

/** Which pixels of a rectangle are ink, row by row. */
function glyph(image: DecodedPng, box: { x: number; y: number; w: number; h: number }): boolean[] {
	const inked: boolean[] = [];
	for (let y = box.y; y < box.y + box.h; y++) {
		for (let x = box.x; x < box.x + box.w; x++) inked.push((image.pixels[(y * image.width + x) * 4] ?? 255) < 128);
	}
	return inked;
}

describe('svgToPng', () => {
	it('renders a canvas at its SVG size, a note in its colour where its turned frame puts it', async () => {
		// The frame, turned a quarter clockwise about (1000, 0), covers x 400–1000 and y 0–400 on
		// the page; the note at (100, 100) in it covers x 700–900, y 100–300. With the margin
		// the image starts at (360, -40).
		const frame = frameShape('', { w: 400, h: 600 }, { x: 1000, y: 0, rotation: Math.PI / 2 });
		const note = noteShape('', { x: 100, y: 100, parentId: frame.id });
		const image = canvasSvg(canvasWith(frame, note));
		const png = decodePng(await svgToPng(image.svg));
		expect([png.width, png.height]).toEqual([680, 480]);
		const pixel = (pageX: number, pageY: number) => rgb(png, pageX - 360, pageY + 40);
		expect(pixel(710, 110)).toBe('fed49a');
		expect(pixel(890, 290)).toBe('fed49a');
		// Inside the frame next to the note, and outside the frame.
		expect(pixel(690, 110)).toBe('ffffff');
		expect(pixel(500, 300)).toBe('ffffff');
		expect(pixel(380, 420)).toBe('ffffff');
	});

	it('scales to the width asked for', async () => {
		const { svg } = canvasSvg(canvasWith(noteShape('', { x: 0, y: 0 })));
		const png = decodePng(await svgToPng(svg, { width: 140 }));
		expect([png.width, png.height]).toEqual([140, 140]);
		expect(rgb(png, 70, 70)).toBe('fed49a');
		expect(rgb(png, 5, 5)).toBe('ffffff');
	});

	it('draws text in Noto Sans, Latin Extended letters included', async () => {
		const { svg } = canvasSvg(
			canvasWith(textShape('Hallo', { x: 0, y: 0 }), textShape('Ł', { x: 0, y: 100 }), textShape('Ř', { x: 0, y: 200 }))
		);
		const png = decodePng(await svgToPng(svg));
		// With the margin of 40, each line of 24 px text starts at (40, 40 + its y).
		expect(ink(png, { x: 40, y: 40, w: 70, h: 32 })).toBeGreaterThan(100);
		// Letters the font lacks would all be the same empty box: these two must differ.
		const l = glyph(png, { x: 40, y: 140, w: 24, h: 32 });
		const r = glyph(png, { x: 40, y: 240, w: 24, h: 32 });
		expect(l.filter(Boolean).length).toBeGreaterThan(30);
		expect(r.filter(Boolean).length).toBeGreaterThan(30);
		expect(l).not.toEqual(r);
	});

	it('refuses a width that is not a whole number of pixels', async () => {
		await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { width: 0.5 })).rejects.toThrow(RangeError);
	});
});
