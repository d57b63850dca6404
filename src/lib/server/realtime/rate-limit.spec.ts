import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit';

describe('TokenBucket', () => {
	it('allows a burst, then refuses, then refills at the rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 5, () => now);
		for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		now += 100; // 0.1 s at 10/s: one token back
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		now += 10_000; // never more than the burst
		for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
	});

	it('counts amounts, such as bytes', () => {
		let now = 0;
		const bucket = new TokenBucket(1000, 1000, () => now);
		expect(bucket.take(900)).toBe(true);
		expect(bucket.take(200)).toBe(false);
		now += 100;
		expect(bucket.take(200)).toBe(true);
	});
});
