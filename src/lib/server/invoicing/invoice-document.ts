/**
 * An issued invoice or credit note as one self-contained value: everything the PDF and the UBL
 * file show, copied at the moment of issue. It is stored as `invoices.document` and never
 * changed; nothing in it points at live personal data, so a participant can be anonymised while
 * the invoice stays intact for the seven years bookkeeping law asks.
 *
 * All amounts are whole euro-cents and positive, also on a credit note: the kind says which way
 * the money goes (UBL credit notes carry positive amounts too). Dates are calendar dates in
 * Europe/Amsterdam, written `YYYY-MM-DD`.
 */

export type InvoiceKind = 'invoice' | 'credit-note';

/** Which e-invoice specification the UBL file follows. */
export type UblProfile = 'nlcius' | 'peppol';

/** VAT category (UNCL 5305): S standard rate, E exempt. */
export type VatCategory = 'S' | 'E';

export interface PostalAddress {
	street: string;
	/** Dutch postcodes as `1234 AB`. */
	postcode: string;
	city: string;
	/** ISO 3166-1 alpha-2; always `NL` for now. */
	countryCode: string;
}

export interface Seller {
	legalName: string;
	address: PostalAddress;
	/** Kamer van Koophandel number, 8 digits. */
	kvk: string;
	/** Btw-identificatienummer, `NL` + 9 digits + `B` + 2 digits. */
	vatId: string;
	iban: string;
	bic: string | null;
	/** Where buyers send questions about invoices. */
	email: string;
	phone: string | null;
	/** The logo as it was at issue, for the PDF only. */
	logo: { contentType: 'image/png' | 'image/jpeg'; base64: string } | null;
}

export interface Buyer {
	legalName: string;
	/** A department or "t.a.v." line, printed under the name. */
	department: string | null;
	address: PostalAddress;
	/** Kamer van Koophandel number (8 digits), if known. */
	kvk: string | null;
	/** Organisatie-identificatienummer (20 digits), if known; public bodies have one. */
	oin: string | null;
	/** Peppol participant ID, `0190:<OIN>` or `0106:<KvK>`, for delivery over Peppol. */
	peppolId: string | null;
	/** Where the invoice is sent. */
	email: string;
}

export interface InvoiceLine {
	/** 1, 2, 3 … in order. */
	id: string;
	/** What was delivered, in Dutch, e.g. "Deelname Ontwerpsessies … — Anna de Vries". */
	description: string;
	/** Short name of the service for the UBL item name. */
	itemName: string;
	/** Dates of the service (the sessions). */
	period: { start: string; end: string };
	quantity: number;
	/** Price of one unit excluding VAT, before any discount on this line. */
	unitNetCents: number;
	/** Discount on this line excluding VAT (e.g. for a further participant of one organisation). */
	discountCents: number;
	discountReason: string | null;
	/** quantity × unitNetCents − discountCents. */
	netCents: number;
	vatCategory: VatCategory;
	/** 2100 is 21 %; 0 when exempt. */
	vatRateBp: number;
}

/** One row of the VAT summary: everything taxed at the same category and rate. */
export interface VatSubtotal {
	category: VatCategory;
	rateBp: number;
	taxableCents: number;
	vatCents: number;
	/** Required (and only allowed) for category E: the legal ground of the exemption. */
	exemptionReason: string | null;
}

export interface InvoiceTotals {
	/** Sum of line net amounts. */
	netCents: number;
	vatCents: number;
	/** netCents + vatCents. */
	grossCents: number;
	/** What is to be paid (equal to grossCents: we take no prepayments). */
	payableCents: number;
}

export interface InvoiceDocument {
	kind: InvoiceKind;
	/** Unique within its series, e.g. `2026-00017` or `C2026-00003`. */
	number: string;
	issueDate: string;
	/** Payment due date; for a credit note the date by which the refund is made. */
	dueDate: string;
	currency: 'EUR';
	profile: UblProfile;
	seller: Seller;
	buyer: Buyer;
	/** The buyer's own reference (BT-10), e.g. a cost centre or contact. */
	buyerReference: string | null;
	/** The buyer's purchase order number (BT-13, inkoopordernummer). */
	orderReference: string | null;
	lines: InvoiceLine[];
	vat: VatSubtotal[];
	totals: InvoiceTotals;
	paymentTermDays: number;
	/** Dutch payment instruction, printed and sent as the UBL payment terms note. */
	paymentTerms: string;
	/** What the buyer quotes with the transfer: the invoice number. */
	paymentReference: string;
	/** The event this is for, printed above the lines. */
	subject: string;
	/** A free note (e.g. why a credit note was issued). */
	note: string | null;
	/** For a credit note: the invoice it credits (BR-NL: a credit note references its invoice). */
	credits: { number: string; issueDate: string } | null;
}
