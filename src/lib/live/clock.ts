/**
 * Clock differences between devices. Every screen shows the same countdown because the server's
 * clock is the only clock: each client estimates how far its own clock is off from the server's
 * with ping/pong round trips (Cristian's algorithm, keeping the sample with the shortest round
 * trip, whose error is at most half that round trip).
 */

export interface ClockSample {
	/** Client time when the ping left. */
	sent: number;
	/** Server time when it answered. */
	server: number;
	/** Client time when the pong arrived. */
	received: number;
}

/** Server time minus client time, estimated from one sample. */
export function offsetOf(sample: ClockSample): number {
	return sample.server - (sample.sent + sample.received) / 2;
}

/** Keeps the best of the last samples: the one with the shortest round trip. */
export class ClockOffset {
	#samples: ClockSample[] = [];

	constructor(private readonly keep = 8) {}

	add(sample: ClockSample): void {
		if (sample.received < sample.sent) return;
		this.#samples.push(sample);
		if (this.#samples.length > this.keep) this.#samples.shift();
	}

	/** Milliseconds to add to the client's clock to get the server's; 0 before any sample. */
	get offsetMs(): number {
		const best = this.#samples.reduce<ClockSample | undefined>(
			(shortest, sample) =>
				!shortest || sample.received - sample.sent < shortest.received - shortest.sent ? sample : shortest,
			undefined
		);
		return best ? offsetOf(best) : 0;
	}

	get samples(): number {
		return this.#samples.length;
	}
}

/** Milliseconds left of the current timebox at server time `serverNow`. */
export function remainingMs(
	timer: { status: string; deadline: string | null; remainingMs: number | null },
	serverNow: number
): number | null {
	if (timer.status === 'paused') return timer.remainingMs;
	if (timer.status !== 'running' || !timer.deadline) return null;
	return Date.parse(timer.deadline) - serverNow;
}

/** "12:05", "0:09", and "−1:30" once the time is up (the timebox overran). */
export function formatCountdown(ms: number): string {
	const overrun = ms < 0;
	// Whole seconds, rounded up while counting down: "0:01" until the very end, never "0:00" early.
	const seconds = overrun ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
	const minutes = Math.floor(seconds / 60);
	const rest = String(seconds % 60).padStart(2, '0');
	return `${overrun ? '−' : ''}${minutes}:${rest}`;
}

/** The countdown in words, for screen readers ("nog 12 minuten", "tijd is om"). */
export function countdownInWords(ms: number): string {
	if (ms <= 0) return 'De tijd is om.';
	const minutes = Math.ceil(ms / 60_000);
	return minutes === 1 ? 'Nog 1 minuut.' : `Nog ${minutes} minuten.`;
}
