/**
 * nl-NL formatting for everything the app shows: dates and times always in Europe/Amsterdam,
 * money from integer cents. Built on Intl only, so the output follows CLDR (for example
 * `€ 1.234,56` with a no-break space after the euro sign).
 */
const TIME_ZONE = 'Europe/Amsterdam';
const LOCALE = 'nl-NL';

const longDate = new Intl.DateTimeFormat(LOCALE, {
	timeZone: TIME_ZONE,
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});
const date = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const time = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const isoParts = new Intl.DateTimeFormat('en-CA', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const euro = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR' });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 2 });

/** `donderdag 26 september 2019` */
export function formatLongDate(value: Date): string {
	return longDate.format(value);
}

/** `26 september 2019` */
export function formatDate(value: Date): string {
	return date.format(value);
}

/** `13:30` */
export function formatTime(value: Date): string {
	return time.format(value);
}

/** `2019-09-26`: the calendar date in Amsterdam, for `<time datetime>`. */
export function isoDate(value: Date): string {
	return isoParts.format(value);
}

/** `€ 1.234,56` from 123456 cents. */
export function formatEuro(cents: number): string {
	if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a whole number: ${cents}`);
	// A decimal string, not cents / 100: Intl formats it exactly, with no binary-float rounding.
	const abs = Math.abs(cents);
	const decimal = `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
	return euro.format(decimal as `${number}`);
}

/** `21%` from 2100 basis points. */
export function formatRate(basisPoints: number): string {
	return percent.format(basisPoints / 10_000);
}
