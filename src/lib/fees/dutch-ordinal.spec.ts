import { describe, expect, it } from 'vitest';
import { dutchOrdinal } from './dutch-ordinal';

describe('dutchOrdinal', () => {
	it('writes small positions in words', () => {
		expect([1, 2, 3, 8, 11, 20].map(dutchOrdinal)).toEqual(['eerste', 'tweede', 'derde', 'achtste', 'elfde', 'twintigste']);
	});

	it('writes larger positions as a number with e', () => {
		expect(dutchOrdinal(21)).toBe('21e');
		expect(dutchOrdinal(100)).toBe('100e');
	});

	it('refuses positions that do not exist', () => {
		expect(() => dutchOrdinal(0)).toThrow(RangeError);
		expect(() => dutchOrdinal(1.5)).toThrow(RangeError);
	});
});
