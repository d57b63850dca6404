import { COLOURS, CONTENT_LEFT, CONTENT_RIGHT, CONTENT_WIDTH, FOOTER_TOP, mm } from './layout';
import type { PdfContext } from './pdf-document';
import { drawText, TEXT } from './typography';

const PAGE_NUMBER_WIDTH = mm(28);

/**
 * Writes the footer on every page once all pages exist: the seller's legal details on the left,
 * "Pagina 1 van 2" on the right. Call it after the last content is drawn.
 */
export function drawPageFooters(context: PdfContext, lines: string[]): void {
	const { doc, structure } = context;
	const { start, count } = doc.bufferedPageRange();
	for (let index = 0; index < count; index++) {
		doc.switchToPage(start + index);
		structure.artifact(() => {
			doc.moveTo(CONTENT_LEFT, FOOTER_TOP).lineTo(CONTENT_RIGHT, FOOTER_TOP).lineWidth(0.5).strokeColor(COLOURS.hairline).stroke();
			let y = FOOTER_TOP + mm(2);
			for (const line of lines) y += drawText(doc, line, CONTENT_LEFT, y, CONTENT_WIDTH - PAGE_NUMBER_WIDTH, TEXT.footer);
			const pageNumber = `Pagina ${index + 1} van ${count}`;
			drawText(doc, pageNumber, CONTENT_RIGHT - PAGE_NUMBER_WIDTH, FOOTER_TOP + mm(2), PAGE_NUMBER_WIDTH, TEXT.footer, 'right');
		}, 'Pagination');
	}
}
