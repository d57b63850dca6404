import { describe, expect, it } from 'vitest';
import { formatUblAmount, formatUblPercent, parseUblAmount, parseUblPercent } from './ubl-numbers';

describe('UBL amounts', () => {
	it('writes cents as a decimal with a dot and exactly two decimals', () => {
		expect(formatUblAmount(79_500)).toBe('795.00');
		expect(formatUblAmount(180_290)).toBe('1802.90');
		expect(formatUblAmount(5)).toBe('0.05');
		expect(formatUblAmount(0)).toBe('0.00');
		expect(formatUblAmount(-1_050)).toBe('-10.50');
	});

	it('refuses fractions of cents', () => {
		expect(() => formatUblAmount(10.5)).toThrow(RangeError);
	});

	it('reads amounts back into cents without float rounding', () => {
		expect(parseUblAmount('795.00')).toBe(79_500);
		expect(parseUblAmount('0.29')).toBe(29);
		expect(parseUblAmount('12.5')).toBe(1_250);
		expect(parseUblAmount('7')).toBe(700);
		expect(parseUblAmount('-10.50')).toBe(-1_050);
		expect(parseUblAmount('90071992547409.91')).toBe(9_007_199_254_740_991);
	});

	it('does not read what is no amount of whole cents', () => {
		for (const text of ['', '795,00', '1.234.56', '0.295', 'EUR 5', '1e3']) {
			expect(parseUblAmount(text), text).toBeNull();
		}
	});

	it('round-trips every amount', () => {
		for (const cents of [0, 1, 99, 100, 31_290, 149_000, -7]) {
			expect(parseUblAmount(formatUblAmount(cents))).toBe(cents);
		}
	});
});

describe('UBL percentages', () => {
	it('writes basis points as a percentage', () => {
		expect(formatUblPercent(2_100)).toBe('21');
		expect(formatUblPercent(900)).toBe('9');
		expect(formatUblPercent(0)).toBe('0');
		expect(formatUblPercent(550)).toBe('5.50');
	});

	it('reads percentages back into basis points', () => {
		expect(parseUblPercent('21')).toBe(2_100);
		expect(parseUblPercent('21.00')).toBe(2_100);
		expect(parseUblPercent('5.5')).toBe(550);
		expect(parseUblPercent('21%')).toBeNull();
	});
});
