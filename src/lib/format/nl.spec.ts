import { describe, expect, it } from 'vitest';
import { formatDate, formatEuro, formatLongDate, formatRate, formatTime, isoDate } from './nl';

// Intl uses a no-break space between the euro sign and the amount; readers see a space.
const readable = (text: string) => text.replaceAll('\u00a0', ' ');

describe('nl-NL formatting', () => {
	it('formats euro amounts from cents', () => {
		expect(readable(formatEuro(79_500))).toBe('€ 795,00');
		expect(readable(formatEuro(96_195))).toBe('€ 961,95');
		expect(readable(formatEuro(123_456))).toBe('€ 1.234,56');
		expect(readable(formatEuro(5))).toBe('€ 0,05');
		expect(readable(formatEuro(-1_050))).toBe('€ -10,50');
	});

	it('keeps very large amounts exact (no float rounding)', () => {
		expect(readable(formatEuro(900_719_925_474_099))).toBe('€ 9.007.199.254.740,99');
	});

	it('refuses fractions of cents', () => {
		expect(() => formatEuro(1.5)).toThrow(RangeError);
	});

	it('shows dates and times in Europe/Amsterdam, whatever the machine zone', () => {
		// 11:30 UTC is 13:30 in Amsterdam in September (summer time).
		const start = new Date('2019-09-26T11:30:00Z');
		expect(formatLongDate(start)).toBe('donderdag 26 september 2019');
		expect(formatDate(start)).toBe('26 september 2019');
		expect(formatTime(start)).toBe('13:30');
		// 12:30 UTC is 13:30 in Amsterdam on 31 October (winter time).
		expect(formatTime(new Date('2019-10-31T12:30:00Z'))).toBe('13:30');
	});

	it('gives the Amsterdam calendar date around midnight', () => {
		expect(isoDate(new Date('2019-09-25T22:30:00Z'))).toBe('2019-09-26');
	});

	it('formats VAT rates from basis points', () => {
		expect(formatRate(2_100)).toBe('21%');
		expect(formatRate(900)).toBe('9%');
		expect(formatRate(0)).toBe('0%');
	});
});
