import { vatCents } from '$lib/events/fee';
import { formatEuro, isoDate } from '$lib/format/nl';
import { formatCalendarDate } from '$lib/invoicing/calendar-format';
import { dutchOrdinal } from './dutch-ordinal';
import type { FeeSettings } from './fee-settings';
import { vatSummary, type VatTotals } from './vat-summary';

/** What the fee depends on for one registration. */
export interface FeeSubject {
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	/**
	 * 1 = the organisation's first place (by sign-up order), 2 = the next …: counted over the
	 * places held or once held (cancelled with a place), so a colleague's cancellation does not
	 * change what an invoiced participant owes.
	 */
	organisationRank: number;
	cancelledAt: Date | null;
	/** Held a place when cancelled: a cancellation from the waiting list owes nothing. */
	cancelledWithPlace: boolean;
	/** The organizer let the cancellation fee go. */
	cancellationFeeWaived: boolean;
}

/** What one registration owes, with the Dutch sentence that explains it. Amounts in cents. */
export interface Charge {
	kind: 'participation' | 'cancellation' | 'none';
	/** Price before discount, excluding VAT. */
	unitNetCents: number;
	discountCents: number;
	/** unitNetCents − discountCents. */
	netCents: number;
	/** EN 16931 VAT category: S standard rate, E exempt. */
	vatCategory: 'S' | 'E';
	/** 0 when exempt. */
	vatRateBp: number;
	/**
	 * VAT on this line alone. An invoice computes VAT per rate over the sum of its lines
	 * (`vatSummary`), which can differ by a cent from adding these up.
	 */
	vatCents: number;
	grossCents: number;
	explanation: string;
}

function priced(settings: FeeSettings, kind: Charge['kind'], unitNetCents: number, discountCents: number, explanation: string): Charge {
	const netCents = unitNetCents - discountCents;
	if (settings.vatMode === 'exempt') {
		return { kind, unitNetCents, discountCents, netCents, vatCategory: 'E', vatRateBp: 0, vatCents: 0, grossCents: netCents, explanation };
	}
	const vat = vatCents(netCents, settings.vatRateBp);
	return {
		kind,
		unitNetCents,
		discountCents,
		netCents,
		vatCategory: 'S',
		vatRateBp: settings.vatRateBp,
		vatCents: vat,
		grossCents: netCents + vat,
		explanation
	};
}

function nothingOwed(settings: FeeSettings, explanation: string): Charge {
	return priced(settings, 'none', 0, 0, explanation);
}

/**
 * Whether a cancellation at `instant` falls on or before `lastFreeDay`: the whole Amsterdam
 * calendar day counts, in summer and winter time alike. Comparing calendar dates rather than
 * instants leaves the clock change to Intl's time-zone data; `YYYY-MM-DD` strings sort as dates.
 */
function cancelledInTime(instant: Date, lastFreeDay: string): boolean {
	return isoDate(instant) <= lastFreeDay;
}

/** The discount of the organisation's `rank`-th place; capped at the fee, so a place never pays out. */
function placeDiscount(settings: FeeSettings, rank: number): number {
	if (!Number.isInteger(rank) || rank < 1) throw new RangeError(`organisationRank must be a whole number from 1: ${rank}`);
	return rank > 1 ? Math.min(settings.furtherParticipantDiscountCents, settings.feeCents) : 0;
}

function cancellationCharge(settings: FeeSettings, subject: FeeSubject): Charge {
	if (!subject.cancelledWithPlace) return nothingOwed(settings, 'Geannuleerd vanaf de wachtlijst: niets verschuldigd');
	if (subject.cancellationFeeWaived) return nothingOwed(settings, 'Geannuleerd: de annuleringskosten zijn kwijtgescholden');
	const lastFreeDay = settings.freeCancellationUntil;
	if (lastFreeDay === null) return nothingOwed(settings, 'Kosteloos geannuleerd');
	if (subject.cancelledAt === null) {
		// A broken row, not a business case: guessing either way would bill someone wrongly.
		throw new RangeError('a cancelled registration needs the moment it was cancelled');
	}
	if (cancelledInTime(subject.cancelledAt, lastFreeDay)) return nothingOwed(settings, 'Kosteloos geannuleerd');
	// Never more than the place itself would have cost (its discount included): cancelling must
	// not cost more than attending.
	const owed = Math.min(settings.cancellationFeeCents ?? settings.feeCents, settings.feeCents - placeDiscount(settings, subject.organisationRank));
	if (owed === 0) return nothingOwed(settings, 'Kosteloos geannuleerd');
	const what = settings.cancellationFeeCents === null ? 'volledige deelnameprijs' : 'annuleringskosten';
	return priced(settings, 'cancellation', owed, 0, `Annulering na ${formatCalendarDate(lastFreeDay)}: ${what}`);
}

/**
 * What a registration owes. The one place this is decided: the sign-up form, the confirmation,
 * the personal page, quotes and invoices all show this result.
 *
 * - confirmed: the fee, less the discount from the organisation's second place on;
 * - waiting list: nothing yet;
 * - cancelled: nothing when it held no place, the fee was waived, cancelling is always free or
 *   it happened on or before the last free day (Amsterdam time); otherwise the cancellation fee
 *   (the price of the place when no separate fee is set), never more than the place cost.
 */
export function registrationCharge(settings: FeeSettings, subject: FeeSubject): Charge {
	switch (subject.status) {
		case 'confirmed': {
			const rank = subject.organisationRank;
			const discount = placeDiscount(settings, rank);
			const explanation =
				discount > 0 ? `Deelname (${dutchOrdinal(rank)} deelnemer van de organisatie: ${formatEuro(discount)} korting)` : 'Deelname';
			return priced(settings, 'participation', settings.feeCents, discount, explanation);
		}
		case 'waitlisted':
			return nothingOwed(settings, 'Op de wachtlijst: nog niets verschuldigd');
		case 'cancelled':
			return cancellationCharge(settings, subject);
	}
}

/**
 * The charges for a quote of `participants` places of one organisation that has none yet: the
 * first at the full fee, every further one with the discount.
 */
export function quoteCharges(settings: FeeSettings, participants: number): Charge[] {
	if (!Number.isInteger(participants) || participants < 0) {
		throw new RangeError(`participants must be a whole number from 0: ${participants}`);
	}
	return Array.from({ length: participants }, (_, index) =>
		registrationCharge(settings, {
			status: 'confirmed',
			organisationRank: index + 1,
			cancelledAt: null,
			cancelledWithPlace: false,
			cancellationFeeWaived: false
		})
	);
}

/**
 * The totals of several charges (a quote, a sign-up of colleagues), computed as the invoice
 * will: VAT per rate over the sum. Show these rather than adding up each charge's gross amount,
 * which can be a cent more.
 */
export function sumCharges(charges: readonly Charge[]): VatTotals {
	// The exemption reason plays no part in the totals.
	return vatSummary(charges, null).totals;
}
