import { CONTENT_LEFT, CONTENT_WIDTH, mm } from './layout';
import type { PageFlow } from './page-flow';
import type { PdfContext } from './pdf-document';
import { drawText, measureText, TEXT, type TextStyle } from './typography';

const HEADING_GAP = mm(2);
const PARAGRAPH_GAP = mm(1.5);

/** The document's title, e.g. "Factuur", as its one level-1 heading. */
export function drawTitle(context: PdfContext, flow: PageFlow, title: string): void {
	const height = measureText(context.doc, title, CONTENT_WIDTH, TEXT.title);
	flow.ensureRoom(height);
	context.structure.element('H1', () => drawText(context.doc, title, CONTENT_LEFT, flow.y, CONTENT_WIDTH, TEXT.title));
	flow.advance(height + mm(2));
}

/**
 * A section heading. `keepWith` is the height of what follows, so a heading never ends up alone
 * at the bottom of a page.
 */
export function drawHeading(context: PdfContext, flow: PageFlow, text: string, keepWith = 0): void {
	const height = measureText(context.doc, text, CONTENT_WIDTH, TEXT.heading);
	flow.ensureRoom(height + HEADING_GAP + keepWith);
	context.structure.element('H2', () => drawText(context.doc, text, CONTENT_LEFT, flow.y, CONTENT_WIDTH, TEXT.heading));
	flow.advance(height + HEADING_GAP);
}

/** The height a paragraph takes, including the gap after it. */
export function measureParagraph(context: PdfContext, text: string, style: TextStyle = TEXT.body, width = CONTENT_WIDTH): number {
	return measureText(context.doc, text, width, style) + PARAGRAPH_GAP;
}

/** A paragraph across the content width (or `width`), moved to a new page whole if it does not fit. */
export function drawParagraph(
	context: PdfContext,
	flow: PageFlow,
	text: string,
	style: TextStyle = TEXT.body,
	width = CONTENT_WIDTH
): void {
	const height = measureParagraph(context, text, style, width);
	flow.ensureRoom(height);
	context.structure.element('P', () => drawText(context.doc, text, CONTENT_LEFT, flow.y, width, style));
	flow.advance(height);
}

/** A bulleted list, one item per entry, tagged as a list. */
export function drawBulletList(context: PdfContext, flow: PageFlow, items: string[]): void {
	const { doc, structure } = context;
	const indent = mm(5);
	const list = structure.group('L');
	for (const item of items) {
		const height = measureParagraph(context, item, TEXT.body, CONTENT_WIDTH - indent);
		flow.ensureRoom(height);
		const listItem = structure.group('LI', list);
		const top = flow.y;
		structure.element('Lbl', () => drawText(doc, '•', CONTENT_LEFT + mm(1), top, indent, TEXT.body), listItem);
		structure.element('LBody', () => drawText(doc, item, CONTENT_LEFT + indent, top, CONTENT_WIDTH - indent, TEXT.body), listItem);
		listItem.end();
		flow.advance(height);
	}
	list.end();
}

