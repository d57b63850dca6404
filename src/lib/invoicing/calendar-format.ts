const longDate = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * `12 september 2019` from `2019-09-12`. Invoice dates are calendar dates, not moments: read as
 * UTC midnight and formatted in UTC, so no time zone can move them to another day.
 */
export function formatCalendarDate(date: string): string {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return longDate.format(new Date(Date.UTC(year, month - 1, day)));
}
