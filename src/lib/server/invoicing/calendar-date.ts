import { isoDate } from '$lib/format/nl';

/**
 * Calendar dates (`YYYY-MM-DD`) as invoices use them: the day in Europe/Amsterdam, with day
 * arithmetic that knows nothing of clocks, so summer time cannot shift a due date.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in Amsterdam. */
export function amsterdamToday(now: Date = new Date()): string {
	return isoDate(now);
}

/** Whether the text is a real calendar date such as `2026-02-28` (not `2026-02-30`). */
export function isCalendarDate(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const [, year, month, day] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date `days` later (or earlier when negative). */
export function addDays(date: string, days: number): string {
	if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
	const utc = (date: string) => {
		const [year, month, day] = date.split('-').map(Number) as [number, number, number];
		return Date.UTC(year, month - 1, day);
	};
	return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export { formatCalendarDate } from '$lib/invoicing/calendar-format';
