import { describe, expect, it } from 'vitest';
import { formatEuro, formatRate } from '$lib/format/nl';
import type { InvoiceDocument, InvoiceLine } from '../invoice-document';
import { testCreditNote, testExemptInvoice, testInvoice } from '../test-documents';
import { formatCalendarDate } from './calendar-date';
import { renderInvoicePdf } from './invoice-pdf';
import { formatIban } from './seller-details';
import { pdfPages, pdfText, readable } from './test-pdf-text';

/** A 1×1 transparent PNG, as a seller logo. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** `count` lines with their own names, and totals that add up. */
function invoiceWithLines(count: number): InvoiceDocument {
	const base = testInvoice();
	const template = base.lines[0];
	if (!template) throw new Error('testInvoice() has no lines');
	const lines = Array.from({ length: count }, (_, index): InvoiceLine => ({
		...template,
		id: String(index + 1),
		description: `Deelname ontwerpsessies 2019 — deelnemer ${index + 1}`
	}));
	const net = lines.reduce((sum, line) => sum + line.netCents, 0);
	const vat = Math.round((net * 21) / 100);
	return testInvoice({
		lines,
		vat: [{ category: 'S', rateBp: 2_100, taxableCents: net, vatCents: vat, exemptionReason: null }],
		totals: { netCents: net, vatCents: vat, grossCents: net + vat, payableCents: net + vat }
	});
}

describe('renderInvoicePdf', () => {
	it('writes a PDF file', async () => {
		const pdf = await renderInvoicePdf(testInvoice());
		expect(new TextDecoder().decode(pdf.subarray(0, 8))).toBe('%PDF-1.7');
	});

	it('carries every field art. 35a Wet OB asks, as the document has it', async () => {
		const invoice = testInvoice();
		const text = await pdfText(await renderInvoicePdf(invoice));
		const { seller, buyer } = invoice;
		const expected = [
			'Factuur',
			`Factuurnummer ${invoice.number}`,
			`Factuurdatum ${formatCalendarDate(invoice.issueDate)}`,
			`Vervaldatum ${formatCalendarDate(invoice.dueDate)}`,
			seller.legalName,
			seller.address.street,
			seller.address.postcode,
			`KvK ${seller.kvk}`,
			`Btw-id ${seller.vatId}`,
			seller.email,
			seller.phone ?? '',
			buyer.legalName,
			buyer.department ?? '',
			buyer.address.street,
			buyer.address.postcode,
			`Inkoopordernummer ${invoice.orderReference ?? ''}`,
			`Uw referentie ${invoice.buyerReference ?? ''}`,
			`IBAN ${formatIban(seller.iban)}`,
			`BIC ${seller.bic ?? ''}`,
			`Betalingskenmerk ${invoice.paymentReference}`,
			invoice.paymentTerms,
			`Totaal excl. btw ${formatEuro(invoice.totals.netCents)}`,
			`Totaal incl. btw ${formatEuro(invoice.totals.grossCents)}`,
			`Te betalen ${formatEuro(invoice.totals.payableCents)}`
		];
		for (const subtotal of invoice.vat) {
			expected.push(`Btw ${formatRate(subtotal.rateBp)} over ${formatEuro(subtotal.taxableCents)} ${formatEuro(subtotal.vatCents)}`);
		}
		for (const line of invoice.lines) {
			expected.push(
				line.description,
				`${formatCalendarDate(line.period.start)} t/m ${formatCalendarDate(line.period.end)}`,
				formatEuro(line.unitNetCents),
				formatEuro(line.netCents)
			);
			if (line.discountCents > 0) expected.push(formatEuro(line.discountCents), line.discountReason ?? '');
		}
		for (const value of expected) expect(text).toContain(readable(value));
	});

	it('names the columns a line needs', async () => {
		const text = await pdfText(await renderInvoicePdf(testInvoice()));
		for (const header of ['Omschrijving', 'Aantal', 'Prijs per eenheid excl. btw', 'Korting', 'Bedrag excl. btw', 'Btw']) {
			expect(text).toContain(header);
		}
	});

	it('leaves out what the document does not have', async () => {
		const invoice = testInvoice({ orderReference: null, buyerReference: null });
		const lines = invoice.lines.map((line) => ({ ...line, discountCents: 0, discountReason: null, netCents: line.unitNetCents }));
		const text = await pdfText(await renderInvoicePdf({ ...invoice, lines }));
		expect(text).not.toContain('Inkoopordernummer');
		expect(text).not.toContain('Uw referentie');
		expect(text).not.toContain('Korting');
	});

	it('states the exemption and shows no VAT rate on an exempt invoice', async () => {
		const invoice = testExemptInvoice();
		const text = await pdfText(await renderInvoicePdf(invoice));
		const reason = invoice.vat[0]?.exemptionReason;
		expect(reason).toBeTruthy();
		expect(text).toContain(readable(reason ?? ''));
		expect(text).toContain('Btw: vrijgesteld');
		expect(text).not.toContain('21%');
		expect(text).toContain(readable(`Te betalen ${formatEuro(invoice.totals.payableCents)}`));
	});

	it('names the credited invoice on a credit note and shows its amounts negative', async () => {
		const credit = testCreditNote();
		const text = await pdfText(await renderInvoicePdf(credit));
		const credited = credit.credits;
		if (!credited) throw new Error('testCreditNote() credits no invoice');
		expect(text).toContain('Creditnota');
		expect(text).toContain(readable(`Creditnota voor factuur ${credited.number} van ${formatCalendarDate(credited.issueDate)}`));
		expect(text).toContain(readable(credit.note ?? ''));
		expect(text).toContain(readable(`Totaal excl. btw ${formatEuro(-credit.totals.netCents)}`));
		expect(text).toContain(readable(`Totaal incl. btw ${formatEuro(-credit.totals.grossCents)}`));
		expect(text).toContain(readable(formatEuro(-credit.totals.vatCents)));
		for (const line of credit.lines) expect(text).toContain(readable(formatEuro(-line.netCents)));
		// A positive total would read as money owed.
		expect(text).not.toContain(readable(formatEuro(credit.totals.grossCents)));
		expect(text).not.toContain('Te betalen');
	});

	it('continues a long invoice over pages, with the table header and page numbers on each', async () => {
		const invoice = invoiceWithLines(40);
		const pages = await pdfPages(await renderInvoicePdf(invoice));
		expect(pages.length).toBeGreaterThan(1);
		pages.forEach((page, index) => {
			expect(page).toContain(`Pagina ${index + 1} van ${pages.length}`);
			expect(page).toContain(`KvK ${invoice.seller.kvk}`);
			if (page.includes('deelnemer ')) expect(page).toContain(readable('Omschrijving Aantal Prijs per eenheid excl. btw'));
		});
		expect(pages[1]).toContain('deelnemer ');
		expect(pages.slice(1).every((page) => page.includes(`Factuur ${invoice.number} (vervolg)`))).toBe(true);
		const text = pages.join(' ');
		for (const line of invoice.lines) expect(text).toContain(`${line.description} `);
		expect(pages.at(-1)).toContain(readable(`Te betalen ${formatEuro(invoice.totals.payableCents)}`));
	});

	it('fits a short invoice on one page', async () => {
		const pages = await pdfPages(await renderInvoicePdf(testInvoice()));
		expect(pages).toHaveLength(1);
		expect(pages[0]).toContain('Pagina 1 van 1');
	});

	it('draws names with letters outside the basic latin font', async () => {
		const invoice = testInvoice();
		const lines = invoice.lines.map((line) => ({ ...line, description: `${line.description}, Łukasz Dvořák en Ayşe Kılıç` }));
		const buyer = { ...invoice.buyer, department: 't.a.v. Zoë Ørsted-Şahin' };
		const text = await pdfText(await renderInvoicePdf({ ...invoice, lines, buyer }));
		// Each letter is drawn in its own font run; pdf.js may read a space in at a font switch,
		// which a reader does not see, so look for the words.
		for (const word of ['Łukasz', 'Dvoř', 'Ayşe', 'Kılıç', 'Zoë', 'Ørsted-Şahin']) expect(text).toContain(word);
	});

	it('draws the seller logo when there is one', async () => {
		const invoice = testInvoice();
		const seller = { ...invoice.seller, logo: { contentType: 'image/png' as const, base64: TINY_PNG } };
		const withLogo = new TextDecoder('latin1').decode(await renderInvoicePdf({ ...invoice, seller }));
		const without = new TextDecoder('latin1').decode(await renderInvoicePdf(invoice));
		expect(withLogo).toContain('/Subtype /Image');
		expect(without).not.toContain('/Subtype /Image');
	});

	it('is a tagged Dutch document titled with its number', async () => {
		const pdf = await renderInvoicePdf(testInvoice());
		const raw = new TextDecoder('latin1').decode(pdf);
		expect(raw).toContain('/StructTreeRoot');
		expect(raw).toContain('/Lang (nl-NL)');
		expect(raw).toContain('/DisplayDocTitle true');
		const { getDocumentProxy, getMeta } = await import('unpdf');
		const { info } = await getMeta(await getDocumentProxy(pdf.slice()));
		expect(info).toMatchObject({ Title: 'Factuur 2019-00001', Author: testInvoice().seller.legalName, Language: 'nl-NL' });
	});

	it('renders the same snapshot to the same bytes', async () => {
		const first = await renderInvoicePdf(testInvoice());
		const second = await renderInvoicePdf(testInvoice());
		expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
		const other = await renderInvoicePdf(testInvoice({ issueDate: '2019-09-13' }));
		expect(Buffer.from(first).equals(Buffer.from(other))).toBe(false);
	});
});
