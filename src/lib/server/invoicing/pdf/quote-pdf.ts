import type { QuoteDocument } from '../quote-document';
import { amountSummaryRows, exemptionReasons } from './amount-summary';
import { formatCalendarDate } from './calendar-date';
import { drawDetailList, measureDetailList, type DetailRow } from './detail-list';
import { CONTENT_LEFT, CONTENT_WIDTH, mm } from './layout';
import { drawLetterhead } from './letterhead';
import { lineItemsTable } from './line-items';
import { drawTable } from './line-table';
import { drawPageFooters } from './page-footer';
import { PageFlow } from './page-flow';
import { createPdf, finishPdf } from './pdf-document';
import { sellerBankLine, sellerContactText, sellerRegistrationLine } from './seller-details';
import { drawBulletList, drawHeading, drawParagraph, drawTitle, measureParagraph } from './text-blocks';
import { drawTotals, measureTotals } from './totals-block';
import { TEXT } from './typography';

const CONDITIONS_LAYOUT = { x: CONTENT_LEFT, width: CONTENT_WIDTH, labelWidth: mm(34) };

function referenceDetails(quote: QuoteDocument): DetailRow[] {
	return [
		{ label: 'Offertenummer', value: quote.reference },
		{ label: 'Datum', value: formatCalendarDate(quote.issueDate) },
		{ label: 'Geldig tot en met', value: formatCalendarDate(quote.validUntil) },
		{ label: 'Aantal deelnemers', value: String(quote.participants) }
	];
}

/** What a buyer agrees to by ordering: validity, payment, cancellation, and the purchase order. */
function conditionRows(quote: QuoteDocument): DetailRow[] {
	return [
		{ label: 'Geldigheid', value: `Deze offerte is geldig tot en met ${formatCalendarDate(quote.validUntil)}.` },
		{ label: 'Betaling', value: `Betaling binnen ${quote.paymentTermDays} dagen na factuurdatum.` },
		{ label: 'Annuleren', value: quote.cancellationPolicy },
		{
			label: 'Inkoopordernummer',
			value: 'Geef bij de aanmelding uw inkoopordernummer op; wij vermelden het op de factuur.'
		},
		{ label: 'Vragen', value: `Mail of bel ons: ${sellerContactText(quote.seller)}.` }
	];
}

/**
 * The PDF of a quote (offerte): the same letterhead, table and totals as the invoice, with the
 * sessions it covers and the conditions a municipality needs before it raises a purchase order.
 */
export async function renderQuotePdf(quote: QuoteDocument): Promise<Uint8Array> {
	const { seller } = quote;
	const context = createPdf({
		title: `Offerte ${quote.reference}`,
		author: seller.legalName,
		subject: quote.subject,
		issueDate: quote.issueDate
	});

	const bodyTop = drawLetterhead(context, {
		seller,
		recipient: [`Voor: ${quote.organisationName}`],
		details: referenceDetails(quote)
	});
	const flow = new PageFlow(context, bodyTop, `Offerte ${quote.reference}`);

	drawTitle(context, flow, 'Offerte');
	drawParagraph(context, flow, `Betreft: ${quote.subject}`);
	flow.advance(mm(2));
	if (quote.sessions.length > 0) {
		drawHeading(context, flow, 'Sessies', measureParagraph(context, quote.sessions[0] ?? ''));
		drawBulletList(context, flow, quote.sessions);
	}
	flow.advance(mm(3));

	const { columns, rows } = lineItemsTable(quote.lines, 1);
	drawTable(context, flow, columns, rows);
	const totals = amountSummaryRows(quote.vat, quote.totals, 1);
	const totalsHeight = mm(2) + measureTotals(context, totals);
	flow.ensureRoom(totalsHeight);
	drawTotals(context, totals, flow.y + mm(2));
	flow.advance(totalsHeight + mm(4));
	for (const reason of exemptionReasons(quote.vat)) drawParagraph(context, flow, reason, TEXT.bodyBold);

	flow.advance(mm(4));
	const conditions = conditionRows(quote);
	const conditionsHeight = measureDetailList(context, conditions, CONDITIONS_LAYOUT);
	drawHeading(context, flow, 'Voorwaarden', conditionsHeight);
	flow.advance(drawDetailList(context, conditions, flow.y, CONDITIONS_LAYOUT));

	drawPageFooters(context, [`${seller.legalName} · ${sellerRegistrationLine(seller)}`, sellerBankLine(seller)]);
	return finishPdf(context);
}
