import { describe, expect, it } from 'vitest';
import { textWidth } from './font-metrics';
import { layoutText, textBox, textInBox } from './text-layout';

const base = { fontSize: 10, bold: false, fill: '#000000', anchor: 'start', x: 0, top: 0 } as const;

describe('layoutText', () => {
	it('wraps at spaces and keeps the paragraphs', () => {
		const width = textWidth('een twee', 10, false);
		// A hair of room: the widths of words and spaces are added up in another order than here.
		const block = layoutText('een twee drie\nvier', { ...base, maxWidth: width + 0.01 });
		expect(block.lines).toEqual(['een twee', 'drie', 'vier']);
		expect(block.width).toBeCloseTo(width);
	});

	it('breaks a word longer than a line', () => {
		const block = layoutText('abcdefghij', { ...base, maxWidth: textWidth('abcd', 10, false) });
		expect(block.lines.join('')).toBe('abcdefghij');
		expect(block.lines.length).toBeGreaterThan(1);
		for (const line of block.lines) expect(textWidth(line, 10, false)).toBeLessThanOrEqual(textWidth('abcd', 10, false));
	});

	it('cuts what is beyond maxLines with an ellipsis that fits', () => {
		const maxWidth = textWidth('een twee', 10, false) + 0.01;
		const block = layoutText('een twee drie vier vijf zes', { ...base, maxWidth, maxLines: 2 });
		expect(block.lines).toHaveLength(2);
		expect(block.lines[1]).toMatch(/…$/);
		expect(textWidth(block.lines[1] ?? '', 10, false)).toBeLessThanOrEqual(maxWidth);
	});
});

describe('textInBox', () => {
	const box = { minX: 0, minY: 0, maxX: 200, maxY: 100 };

	it('centres text both ways', () => {
		const block = textInBox('midden', box, { fontSize: 10, padding: 10, align: 'middle', verticalAlign: 'middle', fill: '#000', truncate: false });
		const placed = textBox(block);
		expect((placed.minX + placed.maxX) / 2).toBeCloseTo(100);
		expect((placed.minY + placed.maxY) / 2).toBeCloseTo(50);
	});

	it('shrinks towards minFontSize while the longest word is wider than the box', () => {
		const word = 'Ontwerpsessiedeelnemersregistratie';
		const options = { fontSize: 20, padding: 10, align: 'start', verticalAlign: 'start', fill: '#000', truncate: true } as const;
		expect(textInBox(word, box, { ...options, minFontSize: 8 }).fontSize).toBeLessThan(20);
		expect(textInBox(word, box, { ...options, minFontSize: 8 }).fontSize).toBeGreaterThanOrEqual(8);
		expect(textInBox(word, box, options).fontSize).toBe(20);
	});
});
