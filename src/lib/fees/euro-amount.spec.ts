import { describe, expect, it } from 'vitest';
import { formatEuro } from '$lib/format/nl';
import { parseEuroAmount } from './euro-amount';

describe('parseEuroAmount', () => {
	it('reads amounts the way they are typed in the Netherlands', () => {
		expect(parseEuroAmount('795')).toEqual({ ok: true, cents: 79_500 });
		expect(parseEuroAmount('795,00')).toEqual({ ok: true, cents: 79_500 });
		expect(parseEuroAmount('795,5')).toEqual({ ok: true, cents: 79_550 });
		expect(parseEuroAmount('1.250,50')).toEqual({ ok: true, cents: 125_050 });
		expect(parseEuroAmount('1.250')).toEqual({ ok: true, cents: 125_000 });
		expect(parseEuroAmount('1.234.567,89')).toEqual({ ok: true, cents: 123_456_789 });
		expect(parseEuroAmount('€ 795')).toEqual({ ok: true, cents: 79_500 });
		expect(parseEuroAmount('€795,-')).toEqual({ ok: true, cents: 79_500 });
		expect(parseEuroAmount('EUR 10')).toEqual({ ok: true, cents: 1_000 });
		expect(parseEuroAmount('10 euro')).toEqual({ ok: true, cents: 1_000 });
		expect(parseEuroAmount('  12,5  ')).toEqual({ ok: true, cents: 1_250 });
		expect(parseEuroAmount('0')).toEqual({ ok: true, cents: 0 });
		expect(parseEuroAmount('007,10')).toEqual({ ok: true, cents: 710 });
	});

	it('is exact where floating point is not', () => {
		// In binary floats 0.29 * 100 is 28.999999999999996: cut off, that would be 28 cents.
		expect(parseEuroAmount('0,29')).toEqual({ ok: true, cents: 29 });
		expect(parseEuroAmount('0,01')).toEqual({ ok: true, cents: 1 });
		expect(parseEuroAmount('19,99')).toEqual({ ok: true, cents: 1_999 });
		expect(parseEuroAmount('9.999.999.999.999,99')).toEqual({ ok: true, cents: 999_999_999_999_999 });
	});

	it('reads back what formatEuro prints, no-break space and all', () => {
		for (const cents of [0, 1, 29, 79_500, 125_050, 123_456_789]) {
			expect(parseEuroAmount(formatEuro(cents)), formatEuro(cents)).toEqual({ ok: true, cents });
		}
	});

	it('says when nothing was typed', () => {
		expect(parseEuroAmount('')).toEqual({ ok: false, reason: 'empty' });
		expect(parseEuroAmount(' \u00a0 ')).toEqual({ ok: false, reason: 'empty' });
	});

	it('refuses negative amounts, wherever the sign stands', () => {
		for (const text of ['-5', '- 5', '\u22125', '€ -5', '-€ 5', '-1.250,50']) {
			expect(parseEuroAmount(text), text).toEqual({ ok: false, reason: 'negative' });
		}
	});

	it('refuses a dot before the cents, which Dutch readers take for thousands', () => {
		for (const text of ['795.50', '1.5', '1,250.50']) {
			expect(parseEuroAmount(text), text).toEqual({ ok: false, reason: 'decimal-point' });
		}
	});

	it('refuses more than two decimals', () => {
		expect(parseEuroAmount('795,005')).toEqual({ ok: false, reason: 'too-many-decimals' });
		expect(parseEuroAmount('1,250')).toEqual({ ok: false, reason: 'too-many-decimals' });
	});

	it('refuses amounts too large to hold as whole cents', () => {
		expect(parseEuroAmount('99999999999999')).toEqual({ ok: false, reason: 'too-large' });
		expect(parseEuroAmount('1'.repeat(400))).toEqual({ ok: false, reason: 'too-large' });
	});

	it('refuses anything that is not an amount', () => {
		for (const text of ['abc', '12a', '1e5', '+5', ',50', '1..5', '1.2345', '12 345', '5,,', '€', 'Infinity', 'NaN', '0x10', '--5']) {
			expect(parseEuroAmount(text), text).toEqual({ ok: false, reason: 'format' });
		}
	});
});
