import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../invoice-document';
import { testCreditNote, testExemptInvoice, testInvoice } from '../test-documents';
import { replaceOnce } from './test-ubl';
import { toUblXml } from './ubl-xml';
import { validateAgainstXsd } from './xsd-validation';

/** An invoice with every optional field empty: no phone, BIC, references, department or buyer numbers. */
function sparseInvoice(): InvoiceDocument {
	const invoice = testInvoice({ buyerReference: null, orderReference: 'PO-1', note: null, profile: 'peppol' });
	return {
		...invoice,
		seller: { ...invoice.seller, phone: null, bic: null },
		buyer: { ...invoice.buyer, department: null, oin: null, kvk: null, peppolId: null }
	};
}

describe('validateAgainstXsd', () => {
	it.each([
		['invoice', testInvoice()],
		['VAT-exempt invoice', testExemptInvoice()],
		['Peppol invoice', testInvoice({ profile: 'peppol' })],
		['invoice without optional fields', sparseInvoice()],
		['credit note', testCreditNote()],
		['Peppol credit note', { ...testCreditNote(), profile: 'peppol' as const }]
	])('accepts the %s we write', async (_, document) => {
		const result = await validateAgainstXsd(toUblXml(document), document.kind);
		expect(result.errors).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('rejects an element out of the schema’s order, naming the line', async () => {
		const xml = toUblXml(testInvoice());
		// DueDate belongs after IssueDate; put it before.
		const swapped = replaceOnce(
			xml,
			/(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)(\s*)(<cbc:DueDate>[^<]*<\/cbc:DueDate>)/,
			'$3$2$1'
		);
		const result = await validateAgainstXsd(swapped, 'invoice');
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toMatch(/^regel \d+: Element 'cbc:(IssueDate|DueDate)'/m);
	});

	it('rejects a DueDate on a credit note, which UBL 2.1 does not have', async () => {
		const xml = toUblXml(testCreditNote());
		const withDueDate = replaceOnce(xml, '</cbc:IssueDate>', '</cbc:IssueDate><cbc:DueDate>2019-10-31</cbc:DueDate>');
		const result = await validateAgainstXsd(withDueDate, 'credit-note');
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toContain('cbc:DueDate');
	});

	it('rejects a missing required element', async () => {
		const xml = toUblXml(testInvoice());
		const withoutIssueDate = replaceOnce(xml, /<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/, '');
		expect((await validateAgainstXsd(withoutIssueDate, 'invoice')).valid).toBe(false);
	});

	it('rejects a badly typed value', async () => {
		const xml = toUblXml(testInvoice());
		const badDate = replaceOnce(xml, '<cbc:IssueDate>2019-09-12</cbc:IssueDate>', '<cbc:IssueDate>12-09-2019</cbc:IssueDate>');
		const result = await validateAgainstXsd(badDate, 'invoice');
		expect(result.valid).toBe(false);
		expect(result.errors.join('\n')).toContain('IssueDate');
	});

	it('checks against the schema of the kind asked for', async () => {
		expect((await validateAgainstXsd(toUblXml(testInvoice()), 'credit-note')).valid).toBe(false);
		expect((await validateAgainstXsd(toUblXml(testCreditNote()), 'invoice')).valid).toBe(false);
	});
});
