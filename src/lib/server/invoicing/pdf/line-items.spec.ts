import { describe, expect, it } from 'vitest';
import { formatEuro } from '$lib/format/nl';
import { testExemptInvoice, testInvoice } from '../test-documents';
import { amountSummaryRows, exemptionReasons } from './amount-summary';
import { lineItemsTable } from './line-items';
import { CONTENT_WIDTH } from './layout';

describe('lineItemsTable', () => {
	it('spans the content width and shows a discount column only when a line has a discount', () => {
		const withDiscount = lineItemsTable(testInvoice().lines, 1);
		const plainLines = testInvoice().lines.map((line) => ({ ...line, discountCents: 0, discountReason: null }));
		const withoutDiscount = lineItemsTable(plainLines, 1);
		expect(withDiscount.columns.map((column) => column.header)).toContain('Korting');
		expect(withoutDiscount.columns.map((column) => column.header)).not.toContain('Korting');
		for (const { columns, rows } of [withDiscount, withoutDiscount]) {
			expect(columns.reduce((sum, column) => sum + column.width, 0)).toBeCloseTo(CONTENT_WIDTH, 6);
			for (const row of rows) expect(row).toHaveLength(columns.length);
		}
	});

	it('writes the rate, or "vrijgesteld" on exempt lines, and signs amounts', () => {
		const [line] = lineItemsTable(testInvoice().lines, -1).rows;
		expect(line?.map((cell) => cell.text)).toEqual([
			testInvoice().lines[0]?.description,
			'1',
			formatEuro(-79_500),
			'',
			formatEuro(-79_500),
			'21%'
		]);
		expect(lineItemsTable(testExemptInvoice().lines, 1).rows[0]?.at(-1)?.text).toBe('vrijgesteld');
	});
});

describe('amountSummaryRows', () => {
	it('ends with the amount to pay when given, else with the total including VAT', () => {
		const { vat, totals } = testInvoice();
		const toPay = amountSummaryRows(vat, totals, 1, { label: 'Te betalen', cents: totals.payableCents });
		expect(toPay.at(-1)).toEqual({ label: 'Te betalen', amount: formatEuro(totals.payableCents), emphasis: 'final' });
		expect(toPay.at(-2)).toMatchObject({ label: 'Totaal incl. btw', emphasis: 'total' });
		expect(amountSummaryRows(vat, totals, 1).at(-1)).toMatchObject({ label: 'Totaal incl. btw', emphasis: 'final' });
	});

	it('says "Btw: vrijgesteld" for exempt amounts and names the legal ground once', () => {
		const { vat, totals } = testExemptInvoice();
		expect(amountSummaryRows(vat, totals, 1).map((row) => row.label)).toContain('Btw: vrijgesteld');
		expect(exemptionReasons([...vat, ...vat])).toEqual([vat[0]?.exemptionReason]);
		expect(exemptionReasons(testInvoice().vat)).toEqual([]);
	});
});
