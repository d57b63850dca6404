import { COLOURS } from './layout';
import { fontName, fontRuns, type FontWeight } from './fonts';

/** How a piece of text looks. Sizes in points. */
export interface TextStyle {
	size: number;
	weight: FontWeight;
	color: string;
	/** Extra space between wrapped lines. */
	lineGap: number;
}

/** The type scale of all documents: few sizes, so the hierarchy is obvious at a glance. */
export const TEXT = {
	title: { size: 20, weight: 'bold', color: COLOURS.ink, lineGap: 0 },
	heading: { size: 10.5, weight: 'bold', color: COLOURS.ink, lineGap: 1 },
	body: { size: 9, weight: 'regular', color: COLOURS.ink, lineGap: 1.5 },
	bodyBold: { size: 9, weight: 'bold', color: COLOURS.ink, lineGap: 1.5 },
	detail: { size: 8, weight: 'regular', color: COLOURS.muted, lineGap: 1 },
	label: { size: 8, weight: 'regular', color: COLOURS.muted, lineGap: 1 },
	columnHeader: { size: 7.5, weight: 'bold', color: COLOURS.muted, lineGap: 0.5 },
	wordmark: { size: 12, weight: 'bold', color: COLOURS.ink, lineGap: 1 },
	payable: { size: 11, weight: 'bold', color: COLOURS.ink, lineGap: 0 },
	footer: { size: 7, weight: 'regular', color: COLOURS.muted, lineGap: 1 }
} as const satisfies Record<string, TextStyle>;

export type Align = 'left' | 'right';

function useStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
	doc.font(fontName(style.weight)).fontSize(style.size).fillColor(style.color);
}

/** The height `text` takes when wrapped to `width`. */
export function measureText(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): number {
	useStyle(doc, style);
	return doc.heightOfString(text, { width, lineGap: style.lineGap });
}

/**
 * Draws `text` wrapped to `width` with its top at `y`, and returns the height it took. Text
 * with letters outside the latin font is drawn run by run, switching to latin-ext where needed.
 */
export function drawText(
	doc: PDFKit.PDFDocument,
	text: string,
	x: number,
	y: number,
	width: number,
	style: TextStyle,
	align: Align = 'left'
): number {
	const height = measureText(doc, text, width, style);
	const runs = fontRuns(text);
	const options = { width, lineGap: style.lineGap, align };
	const [first] = runs;
	if (runs.length === 1 && first?.subset === 'latin') {
		doc.text(text, x, y, options);
		return height;
	}
	runs.forEach((run, index) => {
		doc.font(fontName(style.weight, run.subset));
		const continued = index < runs.length - 1;
		if (index === 0) doc.text(run.text, x, y, { ...options, continued });
		else doc.text(run.text, { continued });
	});
	return height;
}
