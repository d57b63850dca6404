/**
 * Conversion between an `<input type="datetime-local">` value (`2019-09-26T13:30`, wall-clock
 * time without a zone) and an instant, always in Europe/Amsterdam — whatever zone the server or
 * the browser runs in. Built on Intl's time-zone data, so summer time follows the real rules of
 * each year rather than a hand-written "last Sunday of March".
 */
const TIME_ZONE = 'Europe/Amsterdam';

const wallClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function wallClockOf(instant: Date): WallClock {
	const parts = Object.fromEntries(wallClock.formatToParts(instant).map((part) => [part.type, part.value]));
	return {
		year: Number(parts['year']),
		month: Number(parts['month']),
		day: Number(parts['day']),
		hour: Number(parts['hour']),
		minute: Number(parts['minute']),
		second: Number(parts['second'])
	};
}

/** Minutes Amsterdam is ahead of UTC at `instant`: 60 in winter, 120 in summer. */
function offsetMinutes(instant: number): number {
	const local = wallClockOf(new Date(instant));
	const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
	return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `2019-09-26T13:30`: the instant as Amsterdam wall-clock time, for a datetime-local input's value. */
export function toDateTimeLocal(instant: Date): string {
	const local = wallClockOf(instant);
	return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type LocalDateTimeResult =
	| { ok: true; instant: Date }
	| { ok: false; reason: 'format' | 'nonexistent' };

/**
 * The instant a datetime-local value means in Amsterdam.
 *
 * - A malformed value or a date that does not exist on the calendar (31 April) is `format`.
 * - A time the clocks skip in spring (02:30 on the last Sunday of March) is `nonexistent`:
 *   guessing an hour later would silently store something nobody typed.
 * - A time that happens twice in autumn (02:30 on the last Sunday of October) is the first
 *   one, still in summer time — as a person reading a clock that morning would mean it first.
 */
export function fromDateTimeLocal(value: string): LocalDateTimeResult {
	const match = LOCAL_PATTERN.exec(value);
	if (!match) return { ok: false, reason: 'format' };
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'format' };
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	const calendar = new Date(asUtc);
	if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
		return { ok: false, reason: 'format' };
	}
	// Amsterdam's offset changes at most once a day: the offsets a day before and a day after
	// are the only candidates. Keep those that give back exactly the wall-clock time typed.
	const oneDay = 24 * 60 * 60_000;
	const candidates = [...new Set([offsetMinutes(asUtc - oneDay), offsetMinutes(asUtc + oneDay)])]
		.map((offset) => asUtc - offset * 60_000)
		.filter((instant) => {
			const local = wallClockOf(new Date(instant));
			return (
				local.year === year &&
				local.month === month &&
				local.day === day &&
				local.hour === hour &&
				local.minute === minute &&
				local.second === second
			);
		})
		.sort((a, b) => a - b);
	const first = candidates[0];
	return first === undefined ? { ok: false, reason: 'nonexistent' } : { ok: true, instant: new Date(first) };
}
