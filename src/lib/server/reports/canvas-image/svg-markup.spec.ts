import { describe, expect, it } from 'vitest';
import { element, escapeXml, num, xmlSafe } from './svg-markup';

describe('element', () => {
	it('rounds numbers, escapes strings and leaves out null attributes', () => {
		expect(element('rect', { x: 1.23456, fill: 'a"<b', stroke: null })).toBe('<rect x="1.23" fill="a&quot;&lt;b"/>');
	});

	it('inserts content as markup', () => {
		expect(element('g', {}, '<rect/>')).toBe('<g><rect/></g>');
	});
});

describe('num', () => {
	it('keeps two decimals at most and never writes -0', () => {
		expect([num(400.00000000000006), num(-0.001), num(-1.005), num(2)]).toEqual(['400', '0', '-1', '2']);
	});
});

describe('xmlSafe and escapeXml', () => {
	it('drop control characters and unpaired surrogates, keeping tabs, line breaks and paired ones', () => {
		expect(xmlSafe('a\u0000b\u0007c\td\ne\ud800f\udc00g😀')).toBe('abc\td\nefg😀');
	});

	it('escape the five markup characters', () => {
		expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
	});
});
