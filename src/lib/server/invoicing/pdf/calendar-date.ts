import { formatCalendarDate } from '$lib/invoicing/calendar-format';
import { isCalendarDate } from '../calendar-date';

export { formatCalendarDate };

/** `26 september 2019 t/m 31 oktober 2019`, or one date when the period is a single day. */
export function formatPeriod(start: string, end: string): string {
	if (start === end) return formatCalendarDate(start);
	return `${formatCalendarDate(start)} t/m ${formatCalendarDate(end)}`;
}

/** A date as the PDF's creation time (midnight UTC), so one document always gives the same file. */
export function calendarDateAsInstant(date: string): Date {
	if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
	return new Date(`${date}T00:00:00Z`);
}
