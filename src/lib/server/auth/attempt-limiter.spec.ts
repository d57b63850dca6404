import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
	it('allows `limit` attempts per key per window, then refuses until the window is over', () => {
		let now = 0;
		const limiter = new AttemptLimiter({ limit: 3, windowMs: 1000 }, () => now);
		expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
		expect(limiter.take('b')).toBe(true);
		now = 999;
		expect(limiter.take('a')).toBe(false);
		now = 1000;
		expect(limiter.take('a')).toBe(true);
	});

	it('keeps at most `maxKeys` keys, dropping the oldest window first', () => {
		let now = 0;
		const limiter = new AttemptLimiter({ limit: 1, windowMs: 10_000, maxKeys: 2 }, () => now);
		expect(limiter.take('old')).toBe(true);
		now = 1;
		expect(limiter.take('newer')).toBe(true);
		now = 2;
		expect(limiter.take('newest')).toBe(true);
		// 'newer' is still counted; 'old' was dropped to make room, so it starts afresh.
		expect(limiter.take('newer')).toBe(false);
		expect(limiter.take('old')).toBe(true);
	});
});
