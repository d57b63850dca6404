import { describe, expect, it } from 'vitest';
import { testCreditNote, testExemptInvoice, testInvoice } from '../test-documents';
import { replaceOnce } from './test-ubl';
import { toUblXml } from './ubl-xml';
import { validateUbl } from './validate-ubl';

describe('validateUbl', () => {
	it.each([
		['invoice', testInvoice()],
		['VAT-exempt invoice', testExemptInvoice()],
		['credit note', testCreditNote()],
		['Peppol invoice', testInvoice({ profile: 'peppol' })]
	])('finds the %s we write valid on schema and rules', async (_, document) => {
		const validation = await validateUbl(toUblXml(document), document.kind);
		expect(validation.xsd).toEqual({ valid: true, errors: [] });
		expect(validation.rules.filter((rule) => !rule.passed)).toEqual([]);
		expect(validation.rules.length).toBeGreaterThan(15);
		expect(validation.valid).toBe(true);
	});

	it('is invalid when only the schema fails', async () => {
		const xml = replaceOnce(
			toUblXml(testInvoice()),
			/(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)(\s*)(<cbc:DueDate>[^<]*<\/cbc:DueDate>)/,
			'$3$2$1'
		);
		const validation = await validateUbl(xml, 'invoice');
		expect(validation.xsd.valid).toBe(false);
		expect(validation.rules.every((rule) => rule.passed)).toBe(true);
		expect(validation.valid).toBe(false);
	});

	it('is invalid when only a rule fails', async () => {
		const document = testInvoice({ buyerReference: null, orderReference: null });
		const validation = await validateUbl(toUblXml(document), 'invoice');
		expect(validation.xsd.valid).toBe(true);
		expect(validation.rules.filter((rule) => !rule.passed).map((rule) => rule.id)).toEqual(['BR-NL-2']);
		expect(validation.valid).toBe(false);
	});
});
