import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from './local-datetime';

function instantOf(value: string): string {
	const result = fromDateTimeLocal(value);
	if (!result.ok) throw new Error(`expected ${value} to convert, got ${result.reason}`);
	return result.instant.toISOString();
}

describe('fromDateTimeLocal (Europe/Amsterdam)', () => {
	it('reads summer time as UTC+2 and winter time as UTC+1', () => {
		expect(instantOf('2019-09-26T13:30')).toBe('2019-09-26T11:30:00.000Z');
		expect(instantOf('2019-12-02T09:00')).toBe('2019-12-02T08:00:00.000Z');
		expect(instantOf('2026-07-01T00:00')).toBe('2026-06-30T22:00:00.000Z');
	});

	it('switches on the night the clocks go forward (last Sunday of March)', () => {
		expect(instantOf('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
		expect(instantOf('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
	});

	it('refuses a time that does not exist because the clocks skip it', () => {
		expect(fromDateTimeLocal('2026-03-29T02:00')).toEqual({ ok: false, reason: 'nonexistent' });
		expect(fromDateTimeLocal('2026-03-29T02:30')).toEqual({ ok: false, reason: 'nonexistent' });
		expect(fromDateTimeLocal('2019-03-31T02:15')).toEqual({ ok: false, reason: 'nonexistent' });
	});

	it('takes the first (summer-time) occurrence of a time that happens twice in October', () => {
		expect(instantOf('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
		expect(instantOf('2026-10-25T01:59')).toBe('2026-10-24T23:59:00.000Z');
		expect(instantOf('2026-10-25T03:00')).toBe('2026-10-25T02:00:00.000Z');
	});

	it('accepts seconds, which browsers send when the input has a step below a minute', () => {
		expect(instantOf('2019-09-26T13:30:15')).toBe('2019-09-26T11:30:15.000Z');
	});

	it('refuses malformed values and dates that are not on the calendar', () => {
		for (const value of ['', '2019-09-26', '2019-09-26 13:30', '26-09-2019T13:30', '2019-02-29T10:00', '2019-04-31T10:00', '2019-13-01T10:00', '2019-09-26T24:00', '2019-09-26T13:60']) {
			expect(fromDateTimeLocal(value), value).toEqual({ ok: false, reason: 'format' });
		}
		expect(instantOf('2020-02-29T10:00')).toBe('2020-02-29T09:00:00.000Z');
	});
});

describe('toDateTimeLocal', () => {
	it('writes the Amsterdam wall-clock time of an instant', () => {
		expect(toDateTimeLocal(new Date('2019-09-26T11:30:00Z'))).toBe('2019-09-26T13:30');
		expect(toDateTimeLocal(new Date('2019-12-31T23:30:00Z'))).toBe('2020-01-01T00:30');
		expect(toDateTimeLocal(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30');
		expect(toDateTimeLocal(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30');
	});

	it('round-trips every quarter hour across both changes of 2026', () => {
		// Through March's change (no 02:xx that day) and October's (02:xx twice): every instant
		// shown as local time reads back as the same instant, except the repeated autumn hour,
		// which reads back as its first occurrence.
		for (const start of ['2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z']) {
			for (let step = 0; step < 24 * 4; step += 1) {
				const instant = new Date(Date.parse(start) + step * 15 * 60_000);
				const local = toDateTimeLocal(instant);
				const back = fromDateTimeLocal(local);
				expect(back.ok, local).toBe(true);
				if (!back.ok) continue;
				const repeated = instant.toISOString() >= '2026-10-25T01:00' && instant.toISOString() < '2026-10-25T02:00';
				expect(back.instant.getTime(), local).toBe(repeated ? instant.getTime() - 60 * 60_000 : instant.getTime());
			}
		}
	});
});
