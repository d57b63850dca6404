import { describe, expect, it } from 'vitest';
import { ClockOffset, countdownInWords, formatCountdown, offsetOf, remainingMs } from './clock';

describe('clock offset', () => {
	it('estimates the server clock from the middle of the round trip', () => {
		expect(offsetOf({ sent: 1000, server: 61_050, received: 1100 })).toBe(60_000);
	});

	it('keeps the sample with the shortest round trip', () => {
		const clock = new ClockOffset();
		clock.add({ sent: 0, server: 5_000 + 400, received: 800 }); // slow: offset 5000
		clock.add({ sent: 1000, server: 5_000 + 1_010, received: 1020 }); // fast: offset 5000
		clock.add({ sent: 2000, server: 9_000, received: 2600 }); // slow and misleading
		expect(clock.offsetMs).toBe(5_000);
	});

	it('is 0 without samples and ignores impossible ones', () => {
		const clock = new ClockOffset();
		expect(clock.offsetMs).toBe(0);
		clock.add({ sent: 10, server: 99, received: 5 });
		expect(clock.samples).toBe(0);
	});

	it('forgets old samples', () => {
		const clock = new ClockOffset(2);
		clock.add({ sent: 0, server: 100, received: 0 });
		clock.add({ sent: 0, server: 200, received: 10 });
		clock.add({ sent: 0, server: 300, received: 10 });
		expect(clock.samples).toBe(2);
		expect(clock.offsetMs).toBe(195);
	});
});

describe('countdown', () => {
	const deadline = '2026-11-23T14:00:00.000Z';
	it('counts down to the deadline while running, and holds while paused', () => {
		expect(remainingMs({ status: 'running', deadline, remainingMs: null }, Date.parse(deadline) - 90_000)).toBe(90_000);
		expect(remainingMs({ status: 'paused', deadline: null, remainingMs: 30_000 }, 0)).toBe(30_000);
		expect(remainingMs({ status: 'not-started', deadline: null, remainingMs: null }, 0)).toBeNull();
	});

	it('formats minutes and seconds, and an overrun with a minus sign', () => {
		expect(formatCountdown(12 * 60_000 + 5_000)).toBe('12:05');
		expect(formatCountdown(8_200)).toBe('0:09');
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-90_000)).toBe('−1:30');
	});

	it('says it in words', () => {
		expect(countdownInWords(61_000)).toBe('Nog 2 minuten.');
		expect(countdownInWords(30_000)).toBe('Nog 1 minuut.');
		expect(countdownInWords(-1)).toBe('De tijd is om.');
	});
});
