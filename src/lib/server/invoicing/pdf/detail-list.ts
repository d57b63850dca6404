import { mm } from './layout';
import type { PdfContext } from './pdf-document';
import { drawText, measureText, TEXT, type TextStyle } from './typography';

/** One label with its value, e.g. `Factuurnummer` — `2019-00001`. */
export interface DetailRow {
	label: string;
	value: string;
}

export interface DetailListLayout {
	x: number;
	width: number;
	labelWidth: number;
	valueStyle?: TextStyle;
}

const ROW_GAP = mm(1.2);
const LABEL_GAP = mm(2);

function rowHeight(context: PdfContext, row: DetailRow, layout: DetailListLayout): number {
	const valueWidth = layout.width - layout.labelWidth;
	return Math.max(
		measureText(context.doc, row.label, layout.labelWidth - LABEL_GAP, TEXT.label),
		measureText(context.doc, row.value, valueWidth, layout.valueStyle ?? TEXT.body)
	);
}

/** The height the list takes. */
export function measureDetailList(context: PdfContext, rows: DetailRow[], layout: DetailListLayout): number {
	return rows.reduce((sum, row, index) => sum + rowHeight(context, row, layout) + (index > 0 ? ROW_GAP : 0), 0);
}

/**
 * Draws labels in a muted column with their values beside them, tagged as a two-column table
 * with row headers so a screen reader announces "Factuurnummer: 2019-00001". Returns the height.
 */
export function drawDetailList(context: PdfContext, rows: DetailRow[], y: number, layout: DetailListLayout): number {
	const { doc, structure } = context;
	const table = structure.group('Table');
	let top = y;
	const valueX = layout.x + layout.labelWidth;
	const valueWidth = layout.width - layout.labelWidth;
	rows.forEach((row, index) => {
		if (index > 0) top += ROW_GAP;
		const rowTop = top;
		const tableRow = structure.group('TR', table);
		// The label's smaller text moves down a little so it shares the value's baseline.
		const baselineShift = (TEXT.body.size - TEXT.label.size) * 0.8;
		structure.element(
			'TH',
			() => drawText(doc, row.label, layout.x, rowTop + baselineShift, layout.labelWidth - LABEL_GAP, TEXT.label),
			tableRow
		);
		structure.element('TD', () => drawText(doc, row.value, valueX, rowTop, valueWidth, layout.valueStyle ?? TEXT.body), tableRow);
		tableRow.end();
		top += rowHeight(context, row, layout);
	});
	table.end();
	return top - y;
}
