import { COLOURS, CONTENT_RIGHT, mm } from './layout';
import type { PdfContext } from './pdf-document';
import { drawText, measureText, TEXT, type TextStyle } from './typography';

/**
 * One line of the amounts under the table. `total` is set bold under a rule; `final` is the
 * amount that matters (to pay, or the quote's total) and stands out in a shaded band.
 */
export interface TotalsRow {
	label: string;
	amount: string;
	emphasis?: 'total' | 'final';
}

/** The block's width; it sits flush right, under the amount columns of the table. */
export const TOTALS_WIDTH = mm(88);

const AMOUNT_WIDTH = mm(30);
const ROW_GAP = mm(1.6);
const BAND_PADDING = mm(2);
const BLOCK_LEFT = CONTENT_RIGHT - TOTALS_WIDTH;
const LABEL_WIDTH = TOTALS_WIDTH - AMOUNT_WIDTH - mm(3);

function styleOf(row: TotalsRow): TextStyle {
	if (row.emphasis === 'final') return TEXT.payable;
	return row.emphasis === 'total' ? TEXT.bodyBold : TEXT.body;
}

/** The space above a row's text: a rule above a total, the band's padding above the final row. */
function spaceAbove(row: TotalsRow): number {
	if (row.emphasis === 'final') return ROW_GAP + BAND_PADDING;
	return row.emphasis === 'total' ? 2 * ROW_GAP : ROW_GAP;
}

function rowHeight(context: PdfContext, row: TotalsRow): number {
	const textHeight = measureText(context.doc, row.label, LABEL_WIDTH, styleOf(row));
	return spaceAbove(row) + textHeight + (row.emphasis === 'final' ? BAND_PADDING : 0);
}

/** The height the block takes. */
export function measureTotals(context: PdfContext, rows: TotalsRow[]): number {
	return rows.reduce((sum, row) => sum + rowHeight(context, row), 0);
}

/**
 * Subtotal, VAT per rate and totals, flush right from `top`, labels left and amounts
 * right-aligned so the decimals line up with the table above. Returns the height.
 */
export function drawTotals(context: PdfContext, rows: TotalsRow[], top: number): number {
	const { doc, structure } = context;
	const table = structure.group('Table');
	let y = top;
	for (const row of rows) {
		const height = rowHeight(context, row);
		const style = styleOf(row);
		const rowTop = y;
		if (row.emphasis === 'total') {
			structure.artifact(() => {
				const ruleY = rowTop + ROW_GAP / 2;
				doc.moveTo(BLOCK_LEFT, ruleY).lineTo(CONTENT_RIGHT, ruleY).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
			});
		}
		if (row.emphasis === 'final') {
			structure.artifact(() => doc.rect(BLOCK_LEFT, rowTop + ROW_GAP, TOTALS_WIDTH, height - ROW_GAP).fill(COLOURS.shade));
		}
		// Inside the band the text keeps clear of its edges.
		const inset = row.emphasis === 'final' ? mm(2) : 0;
		const textTop = rowTop + spaceAbove(row);
		const tableRow = structure.group('TR', table);
		structure.element('TH', () => drawText(doc, row.label, BLOCK_LEFT + inset, textTop, LABEL_WIDTH - inset, style), tableRow);
		structure.element(
			'TD',
			() => drawText(doc, row.amount, CONTENT_RIGHT - AMOUNT_WIDTH, textTop, AMOUNT_WIDTH - inset, style, 'right'),
			tableRow
		);
		tableRow.end();
		y += height;
	}
	table.end();
	return y - top;
}
