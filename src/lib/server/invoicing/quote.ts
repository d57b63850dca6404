import type { Programme } from '$lib/events/schema';
import type { FeeSettings } from '$lib/fees/fee-settings';
import { quoteCharges } from '$lib/fees/registration-fee';
import { cancellationPolicyText } from '$lib/fees/cancellation-policy';
import { vatSummary } from '$lib/fees/vat-summary';
import { formatLongDate, formatTime, isoDate } from '$lib/format/nl';
import { addDays, formatCalendarDate, isCalendarDate } from './calendar-date';
import type { InvoiceLine } from './invoice-document';
import type { QuoteDocument } from './quote-document';
import { sellerForDocument, type SellerSettings } from './seller-settings';

/** At most this many participants on one quote: more than any event holds. */
export const MAX_QUOTE_PARTICIPANTS = 50;

/** `Ontwerpsessie 1 — donderdag 26 september 2019, 13:30–17:00, Zandvoort`. */
function sessionLine(session: Programme['sessions'][number]): string {
	const where = session.venueCity ?? session.venueName ?? 'locatie volgt';
	return `${session.title} — ${formatLongDate(session.startsAt)}, ${formatTime(session.startsAt)}–${formatTime(session.endsAt)}, ${where}`;
}

/**
 * A quote for a number of participants of one organisation, made from the same fee function as
 * invoices: the first at the full fee, further ones with the discount. The reference holds the
 * date, organisation and count, so the same request gives the same reference that day.
 */
export function buildQuote(input: {
	programme: Programme;
	fee: FeeSettings;
	seller: SellerSettings;
	organisation: { key: string; name: string };
	participants: number;
	today: string;
	validityDays: number;
}): QuoteDocument {
	const { programme, fee } = input;
	if (!isCalendarDate(input.today)) throw new RangeError(`not a date: ${input.today}`);
	const charges = quoteCharges(fee, input.participants);
	const first = programme.sessions[0];
	const last = programme.sessions.at(-1);
	const period = {
		start: first ? isoDate(first.startsAt) : input.today,
		end: last ? isoDate(last.startsAt) : input.today
	};
	const lines: InvoiceLine[] = charges.map((charge, index) => ({
		id: String(index + 1),
		description: `Deelname ${programme.title} — deelnemer ${index + 1}${charge.discountCents > 0 ? ' (volgende deelnemer, met korting)' : ''}`,
		itemName: `Deelname ${programme.title}`,
		period,
		quantity: 1,
		unitNetCents: charge.unitNetCents,
		discountCents: charge.discountCents,
		discountReason: charge.discountCents > 0 ? 'Korting volgende deelnemer van dezelfde organisatie' : null,
		netCents: charge.netCents,
		vatCategory: charge.vatCategory,
		vatRateBp: charge.vatRateBp
	}));
	const summary = vatSummary(lines, fee.vatMode === 'exempt' ? fee.exemptionText : null);
	const compactDate = input.today.replaceAll('-', '');
	const organisationPart = input.organisation.key.startsWith('anders:') ? 'OVERIG' : input.organisation.key;
	return {
		reference: `OFF-${compactDate}-${organisationPart}-${input.participants}`,
		issueDate: input.today,
		validUntil: addDays(input.today, input.validityDays),
		seller: sellerForDocument(input.seller),
		organisationName: input.organisation.name,
		participants: input.participants,
		subject: programme.title,
		sessions: programme.sessions.map(sessionLine),
		lines,
		vat: summary.vat,
		totals: summary.totals,
		paymentTermDays: input.seller.paymentTermDays,
		cancellationPolicy: cancellationPolicyText(fee, formatCalendarDate)
	};
}
