/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `burst`; taking more than
 * there are is refused. One per connection for messages and one for bytes.
 */
export class TokenBucket {
	#tokens: number;
	#updatedAt: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.#tokens = burst;
		this.#updatedAt = now();
	}

	/** Takes `amount` tokens if there are enough; returns whether it could. */
	take(amount = 1): boolean {
		const now = this.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#updatedAt) / 1000) * this.ratePerSecond);
		this.#updatedAt = now;
		if (amount > this.#tokens) return false;
		this.#tokens -= amount;
		return true;
	}
}
