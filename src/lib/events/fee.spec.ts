import { describe, expect, it } from 'vitest';
import { priceBreakdown, vatCents } from './fee';

describe('vatCents', () => {
	it('computes 21% on the programme fee exactly', () => {
		expect(vatCents(79_500, 2_100)).toBe(16_695);
	});

	it('rounds half a cent away from zero', () => {
		// 0.5 cent up: 50 cents at 21% is 10.5 cents.
		expect(vatCents(50, 2_100)).toBe(11);
		// And for credit notes, the same amount the other way.
		expect(vatCents(-50, 2_100)).toBe(-11);
		// Just below half rounds down: 2 cents at 21% is 0.42 cent.
		expect(vatCents(2, 2_100)).toBe(0);
	});

	it('handles exempt and 9% rates', () => {
		expect(vatCents(79_500, 0)).toBe(0);
		expect(vatCents(10_000, 900)).toBe(900);
	});

	it('refuses amounts that are not whole cents and impossible rates', () => {
		expect(() => vatCents(795.5, 2_100)).toThrow(RangeError);
		expect(() => vatCents(79_500, -1)).toThrow(RangeError);
		expect(() => vatCents(79_500, 10_001)).toThrow(RangeError);
		expect(() => vatCents(79_500, 21.5)).toThrow(RangeError);
	});
});

describe('priceBreakdown', () => {
	it('gives excl., VAT and incl. for one place', () => {
		expect(priceBreakdown(79_500, 2_100)).toEqual({
			netCents: 79_500,
			vatCents: 16_695,
			grossCents: 96_195,
			rateBp: 2_100
		});
	});
});
