import { describe, expect, it } from 'vitest';
import type { Buyer, InvoiceDocument } from '../invoice-document';
import { testCreditNote, testExemptInvoice, testInvoice } from '../test-documents';
import { parseUblAmount } from './ubl-numbers';
import { toUblXml } from './ubl-xml';
import { elementAt } from './test-ubl';
import { parseXml, select, textAt, type XmlElement } from './xml-tree';

function parsed(document: InvoiceDocument): XmlElement {
	const root = parseXml(toUblXml(document));
	if (!root) throw new Error('toUblXml wrote XML that does not parse');
	return root;
}

function cents(root: XmlElement, path: string): number | null {
	return parseUblAmount(textAt(root, path) ?? '');
}

function withBuyer(changes: Partial<Buyer>): InvoiceDocument {
	const invoice = testInvoice();
	return testInvoice({ buyer: { ...invoice.buyer, ...changes } });
}

describe('toUblXml', () => {
	it('writes an invoice as a UBL Invoice with type 380 and the NLCIUS specification id', () => {
		const xml = toUblXml(testInvoice());
		expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
		expect(xml).toContain('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"');
		const root = parsed(testInvoice());
		expect(textAt(root, 'InvoiceTypeCode')).toBe('380');
		expect(textAt(root, 'CustomizationID')).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0');
		expect(textAt(root, 'ProfileID')).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
	});

	it('names Peppol BIS Billing 3.0 for the peppol profile', () => {
		const root = parsed(testInvoice({ profile: 'peppol' }));
		expect(textAt(root, 'CustomizationID')).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
		expect(textAt(root, 'ProfileID')).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
	});

	it('carries number, dates, currency and the buyer’s references from the document', () => {
		const invoice = testInvoice();
		const root = parsed(invoice);
		expect(textAt(root, 'ID')).toBe(invoice.number);
		expect(textAt(root, 'IssueDate')).toBe(invoice.issueDate);
		expect(textAt(root, 'DueDate')).toBe(invoice.dueDate);
		expect(textAt(root, 'DocumentCurrencyCode')).toBe('EUR');
		expect(textAt(root, 'BuyerReference')).toBe(invoice.buyerReference);
		expect(textAt(root, 'OrderReference/ID')).toBe(invoice.orderReference);
	});

	it('leaves out references the buyer did not give, also when they are empty text', () => {
		for (const empty of [null, '', '  ']) {
			const root = parsed(testInvoice({ buyerReference: empty, orderReference: empty }));
			expect(select(root, 'BuyerReference')).toHaveLength(0);
			expect(select(root, 'OrderReference')).toHaveLength(0);
		}
	});

	it('states the same totals as the document', () => {
		for (const document of [testInvoice(), testExemptInvoice(), testCreditNote()]) {
			const root = parsed(document);
			expect(cents(root, 'LegalMonetaryTotal/LineExtensionAmount')).toBe(document.totals.netCents);
			expect(cents(root, 'LegalMonetaryTotal/TaxExclusiveAmount')).toBe(document.totals.netCents);
			expect(cents(root, 'LegalMonetaryTotal/TaxInclusiveAmount')).toBe(document.totals.grossCents);
			expect(cents(root, 'LegalMonetaryTotal/PayableAmount')).toBe(document.totals.payableCents);
			expect(cents(root, 'TaxTotal/TaxAmount')).toBe(document.totals.vatCents);
			const subtotals = select(root, 'TaxTotal/TaxSubtotal');
			expect(subtotals.map((subtotal) => cents(subtotal, 'TaxableAmount'))).toEqual(document.vat.map((vat) => vat.taxableCents));
			expect(subtotals.map((subtotal) => cents(subtotal, 'TaxAmount'))).toEqual(document.vat.map((vat) => vat.vatCents));
		}
	});

	it('writes every amount with two decimals and the currency', () => {
		const xml = toUblXml(testInvoice());
		const amounts = [...xml.matchAll(/currencyID="([^"]*)">([^<]*)</g)];
		expect(amounts.length).toBeGreaterThan(10);
		for (const [, currency, value] of amounts) {
			expect(currency).toBe('EUR');
			expect(value).toMatch(/^\d+\.\d{2}$/);
		}
		expect(xml).toContain('<cbc:PriceAmount currencyID="EUR">795.00</cbc:PriceAmount>');
	});

	it('writes the lines with quantity, period, price, discount and VAT category', () => {
		const invoice = testInvoice();
		const lines = select(parsed(invoice), 'InvoiceLine');
		expect(lines).toHaveLength(invoice.lines.length);
		invoice.lines.forEach((line, index) => {
			const element = lines[index];
			if (!element) throw new Error(`line ${index} missing`);
			expect(textAt(element, 'ID')).toBe(line.id);
			expect(textAt(element, 'InvoicedQuantity')).toBe(String(line.quantity));
			expect(select(element, 'InvoicedQuantity')[0]?.attributes.get('unitCode')).toBe('C62');
			expect(cents(element, 'LineExtensionAmount')).toBe(line.netCents);
			expect(textAt(element, 'InvoicePeriod/StartDate')).toBe(line.period.start);
			expect(textAt(element, 'InvoicePeriod/EndDate')).toBe(line.period.end);
			expect(textAt(element, 'Item/Name')).toBe(line.itemName);
			expect(textAt(element, 'Item/Description')).toBe(line.description);
			expect(textAt(element, 'Item/ClassifiedTaxCategory/ID')).toBe('S');
			expect(textAt(element, 'Item/ClassifiedTaxCategory/Percent')).toBe('21');
			expect(cents(element, 'Price/PriceAmount')).toBe(line.unitNetCents);
		});
		// Only the second participant has a discount.
		const [first, second] = lines;
		if (!first || !second) throw new Error('testInvoice() should have two lines');
		expect(select(first, 'AllowanceCharge')).toHaveLength(0);
		expect(select(second, 'AllowanceCharge')).toHaveLength(1);
		const discount = elementAt(second, 'AllowanceCharge');
		expect(textAt(discount, 'ChargeIndicator')).toBe('false');
		expect(textAt(discount, 'AllowanceChargeReason')).toBe(invoice.lines[1]?.discountReason);
		expect(cents(discount, 'Amount')).toBe(invoice.lines[1]?.discountCents);
	});

	it('identifies the seller by KvK number, VAT id, address and contact', () => {
		const invoice = testInvoice();
		const party = elementAt(parsed(invoice), 'AccountingSupplierParty/Party');
		const endpoint = elementAt(party, 'EndpointID');
		expect([endpoint.attributes.get('schemeID'), endpoint.text]).toEqual(['0106', invoice.seller.kvk]);
		const legalId = elementAt(party, 'PartyLegalEntity/CompanyID');
		expect([legalId.attributes.get('schemeID'), legalId.text]).toEqual(['0106', invoice.seller.kvk]);
		expect(textAt(party, 'PartyLegalEntity/RegistrationName')).toBe(invoice.seller.legalName);
		expect(textAt(party, 'PartyTaxScheme/CompanyID')).toBe(invoice.seller.vatId);
		expect(textAt(party, 'PartyTaxScheme/TaxScheme/ID')).toBe('VAT');
		expect(textAt(party, 'PostalAddress/StreetName')).toBe(invoice.seller.address.street);
		expect(textAt(party, 'PostalAddress/PostalZone')).toBe(invoice.seller.address.postcode);
		expect(textAt(party, 'PostalAddress/CityName')).toBe(invoice.seller.address.city);
		expect(textAt(party, 'PostalAddress/Country/IdentificationCode')).toBe('NL');
		expect(textAt(party, 'Contact/ElectronicMail')).toBe(invoice.seller.email);
		expect(textAt(party, 'Contact/Telephone')).toBe(invoice.seller.phone);
	});

	it('addresses the buyer at its Peppol id, split into scheme and identifier', () => {
		const root = parsed(withBuyer({ peppolId: '0106:87654321', oin: null, kvk: '87654321' }));
		const endpoint = elementAt(root, 'AccountingCustomerParty/Party/EndpointID');
		expect([endpoint.attributes.get('schemeID'), endpoint.text]).toEqual(['0106', '87654321']);
	});

	it('falls back to the OIN, then the KvK number, and writes no endpoint for an e-mail address only', () => {
		const endpointOf = (document: InvoiceDocument) => {
			const endpoint = select(parsed(document), 'AccountingCustomerParty/Party/EndpointID')[0];
			return endpoint ? `${endpoint.attributes.get('schemeID')}:${endpoint.text}` : null;
		};
		expect(endpointOf(withBuyer({ peppolId: null, oin: '00000001234567890000' }))).toBe('0190:00000001234567890000');
		expect(endpointOf(withBuyer({ peppolId: null, oin: null, kvk: '87654321' }))).toBe('0106:87654321');
		expect(endpointOf(withBuyer({ peppolId: null, oin: null, kvk: null }))).toBeNull();
	});

	it('gives the buyer’s OIN, else its KvK number, as its legal identifier', () => {
		const legalIdOf = (document: InvoiceDocument) => {
			const id = select(parsed(document), 'AccountingCustomerParty/Party/PartyLegalEntity/CompanyID')[0];
			return id ? `${id.attributes.get('schemeID')}:${id.text}` : null;
		};
		expect(legalIdOf(withBuyer({ oin: '00000001002220647000', kvk: '87654321' }))).toBe('0190:00000001002220647000');
		expect(legalIdOf(withBuyer({ oin: null, kvk: '87654321' }))).toBe('0106:87654321');
		expect(legalIdOf(withBuyer({ oin: null, kvk: null }))).toBeNull();
	});

	it('asks for a SEPA credit transfer to the seller’s IBAN with the payment reference', () => {
		const invoice = testInvoice();
		const root = parsed(invoice);
		expect(textAt(root, 'PaymentMeans/PaymentMeansCode')).toBe('58');
		expect(textAt(root, 'PaymentMeans/PaymentID')).toBe(invoice.paymentReference);
		expect(textAt(root, 'PaymentMeans/PayeeFinancialAccount/ID')).toBe(invoice.seller.iban);
		expect(textAt(root, 'PaymentTerms/Note')).toBe(invoice.paymentTerms);
	});

	it('adds the BIC for Peppol only, as SI-UBL 2.0 advises against it (BR-NL-31)', () => {
		const bicOf = (document: InvoiceDocument) => textAt(parsed(document), 'PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/ID');
		expect(bicOf(testInvoice({ profile: 'peppol' }))).toBe(testInvoice().seller.bic);
		expect(bicOf(testInvoice({ profile: 'nlcius' }))).toBeNull();
		const withoutBic = testInvoice({ profile: 'peppol', seller: { ...testInvoice().seller, bic: null } });
		expect(bicOf(withoutBic)).toBeNull();
	});

	it('writes the exemption reason for exempt VAT, on the breakdown only', () => {
		const exempt = testExemptInvoice();
		const root = parsed(exempt);
		expect(textAt(root, 'TaxTotal/TaxSubtotal/TaxCategory/ID')).toBe('E');
		expect(textAt(root, 'TaxTotal/TaxSubtotal/TaxCategory/Percent')).toBe('0');
		expect(textAt(root, 'TaxTotal/TaxSubtotal/TaxCategory/TaxExemptionReason')).toBe(exempt.vat[0]?.exemptionReason);
		expect(select(root, 'InvoiceLine/Item/ClassifiedTaxCategory/TaxExemptionReason')).toHaveLength(0);
		expect(select(parsed(testInvoice()), 'TaxTotal/TaxSubtotal/TaxCategory/TaxExemptionReason')).toHaveLength(0);
	});

	it('writes a credit note as a UBL CreditNote that names the credited invoice', () => {
		const creditNote = testCreditNote();
		const xml = toUblXml(creditNote);
		expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
		const root = parsed(creditNote);
		expect(root.name).toBe('CreditNote');
		expect(textAt(root, 'CreditNoteTypeCode')).toBe('381');
		expect(select(root, 'InvoiceTypeCode')).toHaveLength(0);
		expect(textAt(root, 'BillingReference/InvoiceDocumentReference/ID')).toBe(creditNote.credits?.number);
		expect(select(root, 'CreditNoteLine')).toHaveLength(creditNote.lines.length);
		expect(select(root, 'InvoiceLine')).toHaveLength(0);
		expect(textAt(root, 'CreditNoteLine/CreditedQuantity')).toBe('1');
		expect(textAt(root, 'Note')).toContain(creditNote.note);
	});

	it('puts a credit note’s due date in the payment means, as the CreditNote schema has no DueDate', () => {
		const creditNote = testCreditNote();
		const root = parsed(creditNote);
		expect(select(root, 'DueDate')).toHaveLength(0);
		expect(textAt(root, 'PaymentMeans/PaymentDueDate')).toBe(creditNote.dueDate);
		expect(select(parsed(testInvoice()), 'PaymentMeans/PaymentDueDate')).toHaveLength(0);
	});

	it('gives the credited invoice’s date for Peppol only, as SI-UBL 2.0 advises against it (BR-NL-24)', () => {
		const creditNote = testCreditNote();
		const dateOf = (document: InvoiceDocument) => textAt(parsed(document), 'BillingReference/InvoiceDocumentReference/IssueDate');
		expect(dateOf({ ...creditNote, profile: 'peppol' })).toBe(creditNote.credits?.issueDate);
		expect(dateOf(creditNote)).toBeNull();
	});

	it('escapes text that looks like markup', () => {
		const invoice = testInvoice({ buyerReference: 'Kostenplaats <4711> & "co"' });
		const xml = toUblXml(invoice);
		expect(xml).toContain('Kostenplaats &lt;4711&gt; &amp;');
		expect(textAt(parsed(invoice), 'BuyerReference')).toBe('Kostenplaats <4711> & "co"');
	});
});
