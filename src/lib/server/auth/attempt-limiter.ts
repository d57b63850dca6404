/**
 * Counts attempts per key (here: a client's IP address) in fixed windows and says when a key
 * has had enough. In memory, per process: a brake on guessing and on mail floods, not an
 * accounting system. The number of keys is capped so that a flood of addresses cannot grow it
 * without bound; when full, the oldest window is dropped first.
 */
export class AttemptLimiter {
	readonly #windows = new Map<string, { startedAt: number; count: number }>();

	constructor(
		private readonly options: { limit: number; windowMs: number; maxKeys?: number },
		private readonly now: () => number = () => Date.now()
	) {}

	/** Counts one attempt for `key`; false when it goes over the limit of the current window. */
	take(key: string): boolean {
		const now = this.now();
		let window = this.#windows.get(key);
		if (!window || now - window.startedAt >= this.options.windowMs) {
			this.#windows.delete(key);
			window = { startedAt: now, count: 0 };
			this.#makeRoom(now);
			this.#windows.set(key, window);
		}
		window.count += 1;
		return window.count <= this.options.limit;
	}

	#makeRoom(now: number): void {
		const maxKeys = this.options.maxKeys ?? 10_000;
		if (this.#windows.size < maxKeys) return;
		for (const [key, window] of this.#windows) {
			if (now - window.startedAt >= this.options.windowMs) this.#windows.delete(key);
		}
		// Still full: Map keeps insertion order, so the first key is the oldest window.
		while (this.#windows.size >= maxKeys) {
			const oldest = this.#windows.keys().next();
			if (oldest.done) break;
			this.#windows.delete(oldest.value);
		}
	}
}

/**
 * The sign-in page's brakes per IP address, on top of the limits per e-mail address in the
 * database. Process state on purpose, like the connection pool: it must outlive a request, and
 * holds no one's data but counters.
 */
let signInLimiters: { codeRequests: AttemptLimiter; codeChecks: AttemptLimiter } | undefined;

/** Code requests per address and quarter of an hour (`SIGN_IN_RATE_LIMIT`); three checks per request. */
export function signInLimits(requestsPerQuarter: number) {
	signInLimiters ??= {
		codeRequests: new AttemptLimiter({ limit: requestsPerQuarter, windowMs: 15 * 60_000 }),
		codeChecks: new AttemptLimiter({ limit: requestsPerQuarter * 3, windowMs: 15 * 60_000 })
	};
	return signInLimiters;
}
