import type { Buyer, InvoiceDocument } from '../invoice-document';
import { amountSummaryRows, exemptionReasons } from './amount-summary';
import { formatCalendarDate } from './calendar-date';
import { drawDetailList, measureDetailList, type DetailRow } from './detail-list';
import { CONTENT_LEFT, CONTENT_WIDTH, mm } from './layout';
import { drawLetterhead } from './letterhead';
import { lineItemsTable } from './line-items';
import { drawTable } from './line-table';
import { drawPageFooters } from './page-footer';
import { PageFlow } from './page-flow';
import { createPdf, finishPdf, type PdfContext } from './pdf-document';
import { addressLines } from './postal-address';
import { paymentDetailRows, sellerBankLine, sellerContactText, sellerRegistrationLine } from './seller-details';
import type { AmountSign } from './signed-amount';
import { drawParagraph, drawTitle } from './text-blocks';
import { drawTotals, measureTotals, TOTALS_WIDTH } from './totals-block';
import { drawText, measureText, TEXT } from './typography';

/** The words that differ between an invoice and a credit note. */
interface KindWording {
	title: string;
	numberLabel: string;
	dateLabel: string;
	dueLabel: string;
	finalLabel: string;
	paymentHeading: string;
	sign: AmountSign;
}

const WORDING: Record<InvoiceDocument['kind'], KindWording> = {
	invoice: {
		title: 'Factuur',
		numberLabel: 'Factuurnummer',
		dateLabel: 'Factuurdatum',
		dueLabel: 'Vervaldatum',
		finalLabel: 'Te betalen',
		paymentHeading: 'Betaling',
		sign: 1
	},
	'credit-note': {
		title: 'Creditnota',
		numberLabel: 'Creditnotanummer',
		dateLabel: 'Datum creditnota',
		dueLabel: 'Terugbetaling uiterlijk',
		finalLabel: 'Te crediteren',
		paymentHeading: 'Terugbetaling of verrekening',
		sign: -1
	}
};

function buyerLines(buyer: Buyer): string[] {
	return [buyer.legalName, ...(buyer.department ? [buyer.department] : []), ...addressLines(buyer.address)];
}

function referenceDetails(document: InvoiceDocument, wording: KindWording): DetailRow[] {
	const rows: DetailRow[] = [
		{ label: wording.numberLabel, value: document.number },
		{ label: wording.dateLabel, value: formatCalendarDate(document.issueDate) },
		{ label: wording.dueLabel, value: formatCalendarDate(document.dueDate) }
	];
	if (document.credits) rows.push({ label: 'Crediteert factuur', value: document.credits.number });
	if (document.orderReference) rows.push({ label: 'Inkoopordernummer', value: document.orderReference });
	if (document.buyerReference) rows.push({ label: 'Uw referentie', value: document.buyerReference });
	return rows;
}

const PAYMENT_COLUMN_WIDTH = CONTENT_WIDTH - TOTALS_WIDTH - mm(10);
const PAYMENT_DETAILS = { x: CONTENT_LEFT, width: PAYMENT_COLUMN_WIDTH, labelWidth: mm(27) };

/** Heading, the snapshot's payment terms, then account and reference: the left column beside the totals. */
function measurePayment(context: PdfContext, document: InvoiceDocument, wording: KindWording): number {
	return (
		measureText(context.doc, wording.paymentHeading, PAYMENT_COLUMN_WIDTH, TEXT.heading) +
		mm(1.5) +
		measureText(context.doc, document.paymentTerms, PAYMENT_COLUMN_WIDTH, TEXT.body) +
		mm(2.5) +
		measureDetailList(context, paymentDetailRows(document.seller, document.paymentReference), PAYMENT_DETAILS)
	);
}

function drawPayment(context: PdfContext, document: InvoiceDocument, wording: KindWording, top: number): void {
	const { doc, structure } = context;
	let y = top;
	structure.element('H2', () => {
		y += drawText(doc, wording.paymentHeading, CONTENT_LEFT, y, PAYMENT_COLUMN_WIDTH, TEXT.heading) + mm(1.5);
	});
	structure.element('P', () => {
		y += drawText(doc, document.paymentTerms, CONTENT_LEFT, y, PAYMENT_COLUMN_WIDTH, TEXT.body) + mm(2.5);
	});
	drawDetailList(context, paymentDetailRows(document.seller, document.paymentReference), y, PAYMENT_DETAILS);
}

/**
 * The amounts on the right and how to pay on the left, side by side so a simple invoice fits
 * on one page; kept together on one page.
 */
function drawAmountsAndPayment(context: PdfContext, flow: PageFlow, document: InvoiceDocument, wording: KindWording): void {
	const rows = amountSummaryRows(document.vat, document.totals, wording.sign, {
		label: wording.finalLabel,
		cents: document.totals.payableCents
	});
	const gap = mm(6);
	const height = Math.max(measureTotals(context, rows), gap + measurePayment(context, document, wording));
	flow.ensureRoom(height);
	const top = flow.y;
	drawTotals(context, rows, top);
	drawPayment(context, document, wording, top + gap);
	flow.advance(height);
}

/**
 * The PDF of an issued invoice or credit note: an A4 document with everything art. 35a Wet OB
 * asks, laid out for a window envelope, tagged for screen readers, with the seller's legal and
 * bank details in the footer of every page. Amounts read exactly as `formatEuro` writes them,
 * negative on a credit note. The same snapshot always renders the same bytes.
 */
export async function renderInvoicePdf(document: InvoiceDocument): Promise<Uint8Array> {
	const wording = WORDING[document.kind];
	const { seller } = document;
	const context = createPdf({
		title: `${wording.title} ${document.number}`,
		author: seller.legalName,
		subject: document.subject,
		issueDate: document.issueDate
	});

	const bodyTop = drawLetterhead(context, {
		seller,
		recipient: buyerLines(document.buyer),
		details: referenceDetails(document, wording)
	});
	const flow = new PageFlow(context, bodyTop, `${wording.title} ${document.number}`);

	drawTitle(context, flow, wording.title);
	drawParagraph(context, flow, `Betreft: ${document.subject}`);
	if (document.credits) {
		const credited = `Creditnota voor factuur ${document.credits.number} van ${formatCalendarDate(document.credits.issueDate)}`;
		drawParagraph(context, flow, credited, TEXT.bodyBold);
	}
	if (document.note) drawParagraph(context, flow, document.note);
	flow.advance(mm(3));

	const { columns, rows } = lineItemsTable(document.lines, wording.sign);
	drawTable(context, flow, columns, rows);
	drawAmountsAndPayment(context, flow, document, wording);
	flow.advance(mm(6));
	for (const reason of exemptionReasons(document.vat)) drawParagraph(context, flow, reason, TEXT.bodyBold);
	const question = `Vragen over deze ${wording.title.toLowerCase()}? Mail of bel ons: ${sellerContactText(seller)}.`;
	drawParagraph(context, flow, question);

	drawPageFooters(context, [`${seller.legalName} · ${sellerRegistrationLine(seller)}`, sellerBankLine(seller)]);
	return finishPdf(context);
}
