import { describe, expect, it } from 'vitest';
import type { Buyer, InvoiceDocument } from '../invoice-document';
import { testCreditNote, testExemptInvoice, testInvoice } from '../test-documents';
import { checkDutchRules } from './dutch-rules';
import { failedRuleIds, replaceOnce, ruleResult } from './test-ubl';
import { toUblXml } from './ubl-xml';

function rulesFor(document: InvoiceDocument) {
	return checkDutchRules(toUblXml(document));
}

function withBuyer(changes: Partial<Buyer>, overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
	return testInvoice({ ...overrides, buyer: { ...testInvoice().buyer, ...changes } });
}

describe('checkDutchRules on the documents we write', () => {
	it.each([
		['invoice', testInvoice()],
		['VAT-exempt invoice', testExemptInvoice()],
		['credit note', testCreditNote()],
		['Peppol invoice', testInvoice({ profile: 'peppol' })],
		['Peppol credit note', { ...testCreditNote(), profile: 'peppol' as const }]
	])('passes every rule for the %s', (_, document) => {
		const results = rulesFor(document);
		expect(failedRuleIds(results)).toEqual([]);
		for (const result of results) expect(result.message).toMatch(/\([A-Z0-9-]+\)\.$/);
	});

	it('checks the Dutch rules, the credit note reference and the arithmetic', () => {
		const invoiceIds = rulesFor(testInvoice()).map((result) => result.id);
		for (const id of ['BR-NL-1', 'BR-NL-2', 'BR-NL-3', 'BR-NL-4', 'BR-NL-8', 'BR-NL-10', 'BR-NL-11', 'BR-NL-12', 'BR-CO-10', 'BR-CO-15', 'BR-CO-17']) {
			expect(invoiceIds).toContain(id);
		}
		expect(rulesFor(testCreditNote()).map((result) => result.id)).toContain('NL-R-001');
		expect(rulesFor(testExemptInvoice()).map((result) => result.id)).toContain('BR-E-10');
	});
});

describe('checkDutchRules catches', () => {
	it('an invoice without order number or buyer reference (BR-NL-2)', () => {
		const result = ruleResult(rulesFor(testInvoice({ buyerReference: null, orderReference: null })), 'BR-NL-2');
		expect(result.passed).toBe(false);
		expect(result.message).toContain('inkoopordernummer');
		expect(ruleResult(rulesFor(testInvoice({ buyerReference: null })), 'BR-NL-2').passed).toBe(true);
		expect(ruleResult(rulesFor(testInvoice({ orderReference: null })), 'BR-NL-2').passed).toBe(true);
	});

	it('an empty buyer reference as missing', () => {
		const xml = replaceOnce(toUblXml(testInvoice({ orderReference: null })), /<cbc:BuyerReference>[^<]*</, '<cbc:BuyerReference> <');
		expect(ruleResult(checkDutchRules(xml), 'BR-NL-2').passed).toBe(false);
	});

	it('a credit note that does not name the invoice it corrects (NL-R-001)', () => {
		const results = rulesFor({ ...testCreditNote(), credits: null });
		const result = ruleResult(results, 'NL-R-001');
		expect(result.passed).toBe(false);
		expect(result.message).toContain('creditnota');
	});

	it('a seller legal id without the KvK or OIN scheme (BR-NL-1)', () => {
		const xml = replaceOnce(
			toUblXml(testInvoice()),
			/(<cac:PartyLegalEntity>\s*<cbc:RegistrationName>Stichting[^<]*<\/cbc:RegistrationName>\s*<cbc:CompanyID) schemeID="0106"/,
			'$1'
		);
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['BR-NL-1']);
	});

	it('an incomplete seller address (BR-NL-3), naming what is missing', () => {
		const seller = testInvoice().seller;
		const result = ruleResult(rulesFor(testInvoice({ seller: { ...seller, address: { ...seller.address, city: '' } } })), 'BR-NL-3');
		expect(result.passed).toBe(false);
		expect(result.message).toContain('plaats');
		expect(result.message).not.toContain('postcode');
	});

	it('an incomplete address of a Dutch buyer (BR-NL-4), not of a foreign one', () => {
		const address = { ...testInvoice().buyer.address, postcode: '' };
		expect(ruleResult(rulesFor(withBuyer({ address })), 'BR-NL-4').passed).toBe(false);
		const foreign = rulesFor(withBuyer({ address: { ...address, countryCode: 'BE' } }));
		expect(foreign.map((result) => result.id)).not.toContain('BR-NL-4');
	});

	it('a Dutch buyer without KvK number or OIN (BR-NL-10), and over Peppol without an address (PEPPOL-EN16931-R010)', () => {
		const anonymous = { oin: null, kvk: null, peppolId: null };
		expect(ruleResult(rulesFor(withBuyer(anonymous)), 'BR-NL-10').passed).toBe(false);
		expect(ruleResult(rulesFor(withBuyer({ oin: null, peppolId: null, kvk: '87654321' })), 'BR-NL-10').passed).toBe(true);
		const peppol = rulesFor(withBuyer(anonymous, { profile: 'peppol' }));
		expect(ruleResult(peppol, 'PEPPOL-EN16931-R010').passed).toBe(false);
		// SI-UBL 2.0 does not need the buyer's electronic address.
		expect(rulesFor(withBuyer(anonymous)).map((result) => result.id)).not.toContain('PEPPOL-EN16931-R010');
	});

	it('a seller nobody can reach (OS-SELLER-CONTACT)', () => {
		const xml = replaceOnce(
			toUblXml(testInvoice()),
			/<cac:Contact>\s*<cbc:Telephone>[^<]*<\/cbc:Telephone>\s*<cbc:ElectronicMail>[^<]*<\/cbc:ElectronicMail>\s*<\/cac:Contact>/,
			''
		);
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['OS-SELLER-CONTACT']);
	});

	it('a type code that does not fit the document (BR-NL-8)', () => {
		const invoiceAsCreditNote = replaceOnce(toUblXml(testInvoice()), '<cbc:InvoiceTypeCode>380<', '<cbc:InvoiceTypeCode>381<');
		expect(failedRuleIds(checkDutchRules(invoiceAsCreditNote))).toEqual(['BR-NL-8']);
		const creditNoteAsInvoice = replaceOnce(toUblXml(testCreditNote()), '<cbc:CreditNoteTypeCode>381<', '<cbc:CreditNoteTypeCode>380<');
		expect(failedRuleIds(checkDutchRules(creditNoteAsInvoice))).toEqual(['BR-NL-8']);
	});

	it('a type code outside the Dutch list (BR-NL-7)', () => {
		const xml = replaceOnce(toUblXml(testInvoice()), '<cbc:InvoiceTypeCode>380<', '<cbc:InvoiceTypeCode>386<');
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['BR-NL-7']);
	});

	it('an invoice without payment means (BR-NL-11), but not a credit note', () => {
		const noPayment = (xml: string) => replaceOnce(xml, /<cac:PaymentMeans>[\s\S]*<\/cac:PaymentMeans>/, '');
		expect(failedRuleIds(checkDutchRules(noPayment(toUblXml(testInvoice()))))).toEqual(['BR-NL-11']);
		expect(failedRuleIds(checkDutchRules(noPayment(toUblXml(testCreditNote()))))).toEqual([]);
	});

	it('a payment means code not allowed in the Netherlands (BR-NL-12)', () => {
		const xml = replaceOnce(toUblXml(testInvoice()), '<cbc:PaymentMeansCode>58<', '<cbc:PaymentMeansCode>10<');
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['BR-NL-12']);
	});

	it('a credit transfer without an account (BR-61) or with a wrong IBAN (OS-IBAN)', () => {
		const xml = toUblXml(testInvoice());
		const withoutAccount = replaceOnce(xml, /<cac:PayeeFinancialAccount>[\s\S]*<\/cac:PayeeFinancialAccount>/, '');
		expect(failedRuleIds(checkDutchRules(withoutAccount))).toEqual(['BR-61']);
		const typo = replaceOnce(xml, 'NL91ABNA0417164300', 'NL91ABNA0417164301');
		const result = ruleResult(checkDutchRules(typo), 'OS-IBAN');
		expect(result.passed).toBe(false);
		expect(result.message).toContain('NL91ABNA0417164301');
	});

	it('a file that claims no known specification (OS-SPECIFICATION)', () => {
		const xml = replaceOnce(toUblXml(testInvoice()), 'urn:fdc:nen.nl:nlcius:v1.0', 'urn:example:other');
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['OS-SPECIFICATION']);
	});

	it('text that is no UBL invoice at all', () => {
		expect(failedRuleIds(checkDutchRules('<Invoice><cbc:ID>'))).toEqual(['OS-XML']);
		expect(failedRuleIds(checkDutchRules('<Order/>'))).toEqual(['OS-XML']);
	});
});

describe('checkDutchRules arithmetic', () => {
	it('catches lines that do not add up to the line total (BR-CO-10)', () => {
		const xml = replaceOnce(
			toUblXml(testInvoice()),
			'<cbc:LineExtensionAmount currencyID="EUR">695.00</cbc:LineExtensionAmount>',
			'<cbc:LineExtensionAmount currencyID="EUR">595.00</cbc:LineExtensionAmount>'
		);
		const failed = failedRuleIds(checkDutchRules(xml));
		expect(failed).toContain('BR-CO-10');
		// The line no longer is quantity × price − discount either, and no longer matches the VAT base.
		expect(failed).toContain('PEPPOL-EN16931-R120');
		expect(failed).toContain('BR-S-08');
		expect(ruleResult(checkDutchRules(xml), 'BR-CO-10').message).toContain('1.390,00');
	});

	it('catches a total with VAT that is not total without VAT plus VAT (BR-CO-15)', () => {
		const xml = replaceOnce(toUblXml(testInvoice()), /<cbc:TaxInclusiveAmount currencyID="EUR">[^<]*</, '<cbc:TaxInclusiveAmount currencyID="EUR">1802.91<');
		const failed = failedRuleIds(checkDutchRules(xml));
		expect(failed).toContain('BR-CO-15');
		expect(failed).toContain('BR-CO-16');
	});

	it('catches VAT that is not the taxable amount times the rate (BR-CO-17)', () => {
		const invoice = testInvoice();
		const wrongVat = invoice.totals.vatCents + 1;
		const document = testInvoice({
			vat: invoice.vat.map((subtotal) => ({ ...subtotal, vatCents: wrongVat })),
			totals: { ...invoice.totals, vatCents: wrongVat, grossCents: invoice.totals.netCents + wrongVat, payableCents: invoice.totals.netCents + wrongVat }
		});
		expect(failedRuleIds(rulesFor(document))).toEqual(['BR-CO-17']);
	});

	it('rounds VAT half up to the cent, like the official Schematron', () => {
		// 0.50 × 21 % = 0.105, which rounds to 0.11.
		const [template] = testInvoice().lines;
		if (!template) throw new Error('testInvoice() should have lines');
		const line = { ...template, discountCents: 0, unitNetCents: 50, netCents: 50 };
		const document = (vatCents: number) =>
			testInvoice({
				lines: [line],
				vat: [{ category: 'S', rateBp: 2_100, taxableCents: 50, vatCents, exemptionReason: null }],
				totals: { netCents: 50, vatCents, grossCents: 50 + vatCents, payableCents: 50 + vatCents }
			});
		expect(failedRuleIds(rulesFor(document(11)))).toEqual([]);
		expect(failedRuleIds(rulesFor(document(10)))).toEqual(['BR-CO-17']);
	});

	it('catches a VAT total that is not the sum of the categories (BR-CO-14)', () => {
		const xml = replaceOnce(toUblXml(testInvoice()), /(<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="EUR">)312\.90/, '$1312.00');
		expect(failedRuleIds(checkDutchRules(xml))).toContain('BR-CO-14');
	});

	it('catches an exempt category without a reason (BR-E-10)', () => {
		const exempt = testExemptInvoice();
		const document = { ...exempt, vat: exempt.vat.map((subtotal) => ({ ...subtotal, exemptionReason: null })) };
		const result = ruleResult(rulesFor(document), 'BR-E-10');
		expect(result.passed).toBe(false);
		expect(result.message).toContain('vrijstelling');
		expect(failedRuleIds(rulesFor(document))).toEqual(['BR-E-10']);
	});

	it('catches an exemption reason on a standard-rated category (BR-S-10)', () => {
		const xml = replaceOnce(
			toUblXml(testInvoice()),
			/(<cac:TaxCategory>\s*<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>21<\/cbc:Percent>)/,
			'$1<cbc:TaxExemptionReason>Vrijgesteld</cbc:TaxExemptionReason>'
		);
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['BR-S-10']);
	});

	it('catches lines in a VAT category that the breakdown does not list (BR-E-08)', () => {
		const invoice = testInvoice();
		const [first, second] = invoice.lines;
		if (!first || !second) throw new Error('testInvoice() should have two lines');
		const document = testInvoice({ lines: [first, { ...second, vatCategory: 'E', vatRateBp: 0 }] });
		const failed = failedRuleIds(rulesFor(document));
		expect(failed).toContain('BR-E-08');
		expect(failed).toContain('BR-S-08');
	});

	it('catches an unreadable amount instead of treating it as zero', () => {
		const xml = replaceOnce(toUblXml(testInvoice()), /<cbc:PayableAmount currencyID="EUR">[^<]*</, '<cbc:PayableAmount currencyID="EUR">1.802,90<');
		expect(failedRuleIds(checkDutchRules(xml))).toEqual(['BR-CO-16']);
	});
});
