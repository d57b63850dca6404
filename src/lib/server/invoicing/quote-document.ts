import type { InvoiceLine, InvoiceTotals, Seller, VatSubtotal } from './invoice-document';

/**
 * A quote (offerte): what a given number of participants of one organisation will cost, so a
 * municipality can raise a purchase order before it signs up. Made on request, not stored; the
 * same fee function as the invoice decides every amount.
 */
export interface QuoteDocument {
	/** Printed reference, e.g. `OFF-20261123-GM0344-3`: date, organisation and participants. */
	reference: string;
	issueDate: string;
	/** Last day (inclusive) the quote holds. */
	validUntil: string;
	seller: Seller;
	/** The organisation the quote is for, as chosen on the form. */
	organisationName: string;
	participants: number;
	/** The event, e.g. "Community of practice: ontwerpsessies 2019". */
	subject: string;
	/** One line per session, e.g. "Ontwerpsessie 1 — donderdag 26 september 2019, 13:30–17:00, Zandvoort". */
	sessions: string[];
	lines: InvoiceLine[];
	vat: VatSubtotal[];
	totals: InvoiceTotals;
	paymentTermDays: number;
	/** The cancellation policy in Dutch, printed under the amounts. */
	cancellationPolicy: string;
}
