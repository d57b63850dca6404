import type { InvoiceDocument, InvoiceLine, Seller } from './invoice-document';
import type { QuoteDocument } from './quote-document';

/**
 * Example documents for the unit tests of the UBL file, the PDF and the rule checks: the 2019
 * programme, invoiced to a gemeente. Not used by the app itself.
 */

export const testSeller: Seller = {
	legalName: 'Stichting Ontwerpsessies Sociaal Domein',
	address: { street: 'Drift 10', postcode: '3512 BS', city: 'Utrecht', countryCode: 'NL' },
	kvk: '12345678',
	vatId: 'NL001234567B29',
	iban: 'NL91ABNA0417164300',
	bic: 'ABNANL2A',
	email: 'facturen@ontwerpsessies.test',
	phone: '030 123 45 67',
	logo: null
};

function participationLine(id: string, participant: string, discountCents = 0): InvoiceLine {
	return {
		id,
		description: `Deelname community of practice: ontwerpsessies 2019 (26 september en 31 oktober 2019) — ${participant}`,
		itemName: 'Deelname ontwerpsessies 2019',
		period: { start: '2019-09-26', end: '2019-10-31' },
		quantity: 1,
		unitNetCents: 79_500,
		discountCents,
		discountReason: discountCents > 0 ? 'Korting volgende deelnemer zelfde organisatie' : null,
		netCents: 79_500 - discountCents,
		vatCategory: 'S',
		vatRateBp: 2_100
	};
}

/** One invoice for two participants of Gemeente Utrecht, the second with € 100 discount. */
export function testInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
	const lines = [participationLine('1', 'Anna de Vries'), participationLine('2', 'Bram Jansen', 10_000)];
	const net = lines.reduce((sum, line) => sum + line.netCents, 0);
	const vat = Math.round((net * 21) / 100);
	return {
		kind: 'invoice',
		number: '2019-00001',
		issueDate: '2019-09-12',
		dueDate: '2019-10-12',
		currency: 'EUR',
		profile: 'nlcius',
		seller: testSeller,
		buyer: {
			legalName: 'Gemeente Utrecht',
			department: 'Afdeling Financiën, crediteurenadministratie',
			address: { street: 'Postbus 16200', postcode: '3500 CE', city: 'Utrecht', countryCode: 'NL' },
			kvk: null,
			oin: '00000001002220647000',
			peppolId: '0190:00000001002220647000',
			email: 'facturen@utrecht.nl'
		},
		buyerReference: 'Kostenplaats 4711',
		orderReference: 'PO-2019-0815',
		lines,
		vat: [{ category: 'S', rateBp: 2_100, taxableCents: net, vatCents: vat, exemptionReason: null }],
		totals: { netCents: net, vatCents: vat, grossCents: net + vat, payableCents: net + vat },
		paymentTermDays: 30,
		paymentTerms: 'Betaling binnen 30 dagen na factuurdatum, onder vermelding van factuurnummer 2019-00001.',
		paymentReference: '2019-00001',
		subject: 'Community of practice: ontwerpsessies 2019',
		note: null,
		credits: null,
		...overrides
	};
}

/** The same invoice when the event is VAT-exempt. */
export function testExemptInvoice(): InvoiceDocument {
	const base = testInvoice();
	const lines = base.lines.map((line) => ({ ...line, vatCategory: 'E' as const, vatRateBp: 0 }));
	const net = lines.reduce((sum, line) => sum + line.netCents, 0);
	const exemptionReason = 'Vrijgesteld van btw op grond van artikel 11, lid 1, onderdeel o, Wet op de omzetbelasting 1968';
	return {
		...base,
		lines,
		vat: [{ category: 'E', rateBp: 0, taxableCents: net, vatCents: 0, exemptionReason }],
		totals: { netCents: net, vatCents: 0, grossCents: net, payableCents: net }
	};
}

/** A credit note for the whole of testInvoice(). */
export function testCreditNote(): InvoiceDocument {
	const original = testInvoice();
	return {
		...original,
		kind: 'credit-note',
		number: 'C2019-00001',
		issueDate: '2019-10-01',
		dueDate: '2019-10-31',
		paymentTerms: 'Het bedrag van deze creditnota wordt binnen 30 dagen teruggestort of verrekend.',
		paymentReference: 'C2019-00001',
		note: 'Creditering van factuur 2019-00001: aanmelding geannuleerd.',
		credits: { number: original.number, issueDate: original.issueDate }
	};
}

export function testQuote(): QuoteDocument {
	const invoice = testInvoice();
	return {
		reference: 'OFF-20190801-GM0344-2',
		issueDate: '2019-08-01',
		validUntil: '2019-08-31',
		seller: testSeller,
		organisationName: 'Gemeente Utrecht',
		participants: 2,
		subject: invoice.subject,
		sessions: [
			'Ontwerpsessie 1 — donderdag 26 september 2019, 13:30–17:00, Zandvoort',
			'Ontwerpsessie 2 — donderdag 31 oktober 2019, 13:30–16:45, locatie volgt'
		],
		lines: invoice.lines.map((line, index) => ({ ...line, description: `Deelname ontwerpsessies 2019 — deelnemer ${index + 1}` })),
		vat: invoice.vat,
		totals: invoice.totals,
		paymentTermDays: 30,
		cancellationPolicy:
			'Kosteloos annuleren kan tot en met 12 september 2019. Daarna is het volledige bedrag verschuldigd. Vervanging door een collega is altijd kosteloos.'
	};
}
