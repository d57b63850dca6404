import { describe, expect, it } from 'vitest';
import { formatEuro, formatRate } from '$lib/format/nl';
import { testQuote } from '../test-documents';
import { formatCalendarDate } from './calendar-date';
import { renderQuotePdf } from './quote-pdf';
import { pdfPages, pdfText, readable } from './test-pdf-text';

describe('renderQuotePdf', () => {
	it('states what the quote is, for whom, and until when it holds', async () => {
		const quote = testQuote();
		const text = await pdfText(await renderQuotePdf(quote));
		const expected = [
			'Offerte',
			`Offertenummer ${quote.reference}`,
			`Datum ${formatCalendarDate(quote.issueDate)}`,
			`Geldig tot en met ${formatCalendarDate(quote.validUntil)}`,
			`Voor: ${quote.organisationName}`,
			`Aantal deelnemers ${quote.participants}`,
			quote.subject,
			quote.seller.legalName,
			`KvK ${quote.seller.kvk}`,
			`Btw-id ${quote.seller.vatId}`,
			...quote.sessions
		];
		for (const value of expected) expect(text).toContain(readable(value));
	});

	it('prices every participant and totals the quote', async () => {
		const quote = testQuote();
		const text = await pdfText(await renderQuotePdf(quote));
		for (const line of quote.lines) {
			expect(text).toContain(readable(line.description));
			expect(text).toContain(readable(formatEuro(line.netCents)));
			if (line.discountCents > 0) expect(text).toContain(readable(formatEuro(line.discountCents)));
		}
		expect(text).toContain(readable(`Totaal excl. btw ${formatEuro(quote.totals.netCents)}`));
		for (const subtotal of quote.vat) {
			const vatRow = `Btw ${formatRate(subtotal.rateBp)} over ${formatEuro(subtotal.taxableCents)} ${formatEuro(subtotal.vatCents)}`;
			expect(text).toContain(readable(vatRow));
		}
		expect(text).toContain(readable(`Totaal incl. btw ${formatEuro(quote.totals.grossCents)}`));
	});

	it('gives the payment term, the cancellation policy and asks for the purchase order number', async () => {
		const quote = testQuote();
		const text = await pdfText(await renderQuotePdf(quote));
		expect(text).toContain(readable(`Betaling binnen ${quote.paymentTermDays} dagen na factuurdatum`));
		expect(text).toContain(readable(quote.cancellationPolicy));
		expect(text).toMatch(/inkoopordernummer op; wij vermelden het op de factuur/);
	});

	it('fits on one page, numbered', async () => {
		const pages = await pdfPages(await renderQuotePdf(testQuote()));
		expect(pages).toHaveLength(1);
		expect(pages[0]).toContain('Pagina 1 van 1');
	});
});
