import { formatEuro } from '$lib/format/nl';
import { formatCalendarDate } from '$lib/invoicing/calendar-format';
import type { FeeSettings } from './fee-settings';

/**
 * The cancellation policy in Dutch, as printed on quotes and shown at sign-up, e.g. "Kosteloos
 * annuleren kan tot en met 12 september 2019. Daarna kost annuleren € 250,00 annuleringskosten
 * (excl. btw). Vervanging door een collega is altijd kosteloos." It states the rules
 * `registrationCharge` applies, so what is promised is what is billed.
 *
 * @param formatDay writes a `YYYY-MM-DD` date in words, `12 september 2019` by default
 */
export function cancellationPolicyText(settings: FeeSettings, formatDay: (day: string) => string = formatCalendarDate): string {
	const substitution = 'Vervanging door een collega is altijd kosteloos.';
	const lateFee = settings.cancellationFeeCents ?? settings.feeCents;
	if (settings.freeCancellationUntil === null || lateFee === 0) return `Kosteloos annuleren kan altijd. ${substitution}`;
	const amount =
		settings.cancellationFeeCents === null
			? `de volledige deelnameprijs van ${formatEuro(lateFee)}`
			: formatEuro(lateFee);
	// An exempt event charges no VAT at all: "excl. btw" would suggest some is added.
	const vatNote = settings.vatMode === 'standard' ? ' (excl. btw)' : '';
	return `Kosteloos annuleren kan tot en met ${formatDay(settings.freeCancellationUntil)}. Daarna kost annuleren ${amount}${vatNote}. ${substitution}`;
}
