import { TokenBucket } from '../realtime/rate-limit';

/**
 * A token bucket per key (an IP address, an e-mail address), for actions that strangers can
 * repeat: signing up, asking for a link. In memory, per process: enough to blunt a script, and
 * nothing to configure. Idle buckets are forgotten so the map cannot grow without bound.
 */
export class KeyedRateLimit {
	readonly #buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();

	constructor(
		private readonly perHour: number,
		private readonly burst = perHour,
		private readonly now: () => number = () => performance.now()
	) {}

	/** Whether `key` may act once more now. */
	take(key: string): boolean {
		const now = this.now();
		if (this.#buckets.size > 10_000) this.#forgetIdle(now);
		let entry = this.#buckets.get(key);
		if (!entry) {
			entry = { bucket: new TokenBucket(this.perHour / 3600, this.burst, this.now), usedAt: now };
			this.#buckets.set(key, entry);
		}
		entry.usedAt = now;
		return entry.bucket.take();
	}

	#forgetIdle(now: number) {
		for (const [key, entry] of this.#buckets) {
			if (now - entry.usedAt > 3_600_000) this.#buckets.delete(key);
		}
	}
}
