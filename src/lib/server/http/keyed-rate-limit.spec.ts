import { describe, expect, it } from 'vitest';
import { KeyedRateLimit } from './keyed-rate-limit';

describe('KeyedRateLimit', () => {
	it('allows the burst per key, refuses the next, and refills over time', () => {
		let now = 0;
		const limit = new KeyedRateLimit(3, 3, () => now);
		expect([limit.take('a'), limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, true, false]);
		expect(limit.take('b')).toBe(true);
		now += 20 * 60 * 1000; // a third of an hour: one sign-up's worth at 3 per hour
		expect(limit.take('a')).toBe(true);
		expect(limit.take('a')).toBe(false);
	});
});
