import { COLOURS, CONTENT_LEFT, CONTENT_RIGHT, mm } from './layout';
import type { PageFlow } from './page-flow';
import type { PdfContext } from './pdf-document';
import { drawText, measureText, TEXT, type Align } from './typography';

export interface TableColumn {
	header: string;
	/** Width in points; the columns together span the content width. */
	width: number;
	/** Amounts and numbers right-aligned, so their decimals line up. */
	align: Align;
}

export interface TableCell {
	text: string;
	/** Smaller, muted lines under the text, e.g. the service period or a discount reason. */
	details?: string[];
}

export type TableRow = TableCell[];

const COLUMN_GAP = mm(2.5);
const CELL_PADDING = mm(2.2);
const DETAIL_GAP = mm(0.8);

/** The text box of a column: the gap sits on the side facing the neighbouring column. */
function cellBox(columns: TableColumn[], index: number): { x: number; width: number } {
	const left = CONTENT_LEFT + columns.slice(0, index).reduce((sum, column) => sum + column.width, 0);
	const column = columns[index];
	if (!column) throw new RangeError(`no column ${index}`);
	return column.align === 'right'
		? { x: left + COLUMN_GAP, width: column.width - COLUMN_GAP }
		: { x: left, width: column.width - COLUMN_GAP };
}

function cellHeight(context: PdfContext, cell: TableCell, width: number): number {
	let height = measureText(context.doc, cell.text, width, TEXT.body);
	for (const detail of cell.details ?? []) height += DETAIL_GAP + measureText(context.doc, detail, width, TEXT.detail);
	return height;
}

function rowHeight(context: PdfContext, columns: TableColumn[], row: TableRow): number {
	const contentHeight = Math.max(...row.map((cell, index) => cellHeight(context, cell, cellBox(columns, index).width)));
	return contentHeight + 2 * CELL_PADDING;
}

function headerHeight(context: PdfContext, columns: TableColumn[]): number {
	const textHeight = Math.max(
		...columns.map((column, index) => measureText(context.doc, column.header, cellBox(columns, index).width, TEXT.columnHeader))
	);
	return textHeight + 2 * CELL_PADDING;
}

function rule(context: PdfContext, y: number, width: number, color: string): void {
	context.structure.artifact(() => {
		context.doc.moveTo(CONTENT_LEFT, y).lineTo(CONTENT_RIGHT, y).lineWidth(width).strokeColor(color).stroke();
	});
}

/**
 * Draws the header row at the flow's cursor: tagged as table headers the first time, as page
 * furniture when repeated on a later page (a reader announces it once).
 */
function drawHeader(context: PdfContext, flow: PageFlow, columns: TableColumn[], table: PDFKit.PDFStructureElement | null): void {
	const { doc, structure } = context;
	const height = headerHeight(context, columns);
	// Header texts sit on the row's bottom, so one-line headers line up with two-line ones.
	const draw = (column: TableColumn, index: number) => () => {
		const box = cellBox(columns, index);
		const textHeight = measureText(doc, column.header, box.width, TEXT.columnHeader);
		drawText(doc, column.header, box.x, flow.y + height - CELL_PADDING - textHeight, box.width, TEXT.columnHeader, column.align);
	};
	if (table) {
		const headerRow = structure.group('TR', table);
		columns.forEach((column, index) => structure.element('TH', draw(column, index), headerRow));
		headerRow.end();
	} else {
		structure.artifact(() => columns.forEach((column, index) => draw(column, index)()), 'Pagination');
	}
	flow.advance(height);
	rule(context, flow.y, 0.8, COLOURS.rule);
}

function drawRow(
	context: PdfContext,
	flow: PageFlow,
	columns: TableColumn[],
	row: TableRow,
	table: PDFKit.PDFStructureElement
): void {
	const { doc, structure } = context;
	const tableRow = structure.group('TR', table);
	row.forEach((cell, index) => {
		const box = cellBox(columns, index);
		const align = columns[index]?.align ?? 'left';
		structure.element(
			'TD',
			() => {
				let y = flow.y + CELL_PADDING;
				y += drawText(doc, cell.text, box.x, y, box.width, TEXT.body, align);
				for (const detail of cell.details ?? []) {
					y += DETAIL_GAP;
					y += drawText(doc, detail, box.x, y, box.width, TEXT.detail, align);
				}
			},
			tableRow
		);
	});
	tableRow.end();
}

/**
 * A table of lines across the content width, continuing over as many pages as it needs. A row
 * never splits; each new page repeats the header.
 */
export function drawTable(context: PdfContext, flow: PageFlow, columns: TableColumn[], rows: TableRow[]): void {
	const table = context.structure.group('Table');
	const [firstRow] = rows;
	// Keep the header with at least the first row.
	flow.ensureRoom(headerHeight(context, columns) + (firstRow ? rowHeight(context, columns, firstRow) : 0));
	drawHeader(context, flow, columns, table);
	rows.forEach((row, index) => {
		const height = rowHeight(context, columns, row);
		if (flow.ensureRoom(height)) drawHeader(context, flow, columns, null);
		drawRow(context, flow, columns, row, table);
		flow.advance(height);
		const isLast = index === rows.length - 1;
		rule(context, flow.y, isLast ? 0.8 : 0.5, isLast ? COLOURS.rule : COLOURS.hairline);
	});
	table.end();
}
