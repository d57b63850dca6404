import { paragraphs } from '$lib/reports/report-format';
import { drawDetailList, measureDetailList, type DetailRow } from '../invoicing/pdf/detail-list';
import { BODY_BOTTOM, COLOURS, CONTENT_LEFT, CONTENT_WIDTH, CONTINUATION_BODY_TOP, mm } from '../invoicing/pdf/layout';
import { drawTable, type TableColumn, type TableRow } from '../invoicing/pdf/line-table';
import { PageFlow } from '../invoicing/pdf/page-flow';
import type { PdfContext } from '../invoicing/pdf/pdf-document';
import { drawText, measureText, type TextStyle } from '../invoicing/pdf/typography';

/**
 * The type scale of reports. An invoice is glanced at; a report is read and printed, so the body
 * is a point larger than the invoice's and there are three heading levels below the title.
 */
export const REPORT_TEXT = {
	title: { size: 22, weight: 'bold', color: COLOURS.ink, lineGap: 2 },
	subtitle: { size: 13, weight: 'regular', color: COLOURS.ink, lineGap: 2 },
	h2: { size: 15, weight: 'bold', color: COLOURS.ink, lineGap: 2 },
	h3: { size: 11.5, weight: 'bold', color: COLOURS.ink, lineGap: 1.5 },
	h4: { size: 10, weight: 'bold', color: COLOURS.ink, lineGap: 1.5 },
	body: { size: 10, weight: 'regular', color: COLOURS.ink, lineGap: 3 },
	aside: { size: 9, weight: 'regular', color: COLOURS.muted, lineGap: 2 },
	detail: { size: 8.5, weight: 'regular', color: COLOURS.muted, lineGap: 1.5 }
} as const satisfies Record<string, TextStyle>;

export type HeadingLevel = 1 | 2 | 3 | 4;

const HEADING_STYLE: Record<HeadingLevel, TextStyle> = {
	1: REPORT_TEXT.title,
	2: REPORT_TEXT.h2,
	3: REPORT_TEXT.h3,
	4: REPORT_TEXT.h4
};
const SPACE_ABOVE: Record<HeadingLevel, number> = { 1: 0, 2: mm(7), 3: mm(4.5), 4: mm(2.5) };
const SPACE_BELOW: Record<HeadingLevel, number> = { 1: mm(2), 2: mm(2.5), 3: mm(1.8), 4: mm(1.2) };

const PARAGRAPH_GAP = mm(2.5);
const ITEM_GAP = mm(1.5);
const DETAIL_GAP = mm(0.6);
const LABEL_WIDTH = mm(8);
const ASIDE_WIDTH = mm(24);
const CAPTION_GAP = mm(1.5);
const FIGURE_HEADING_ROOM = mm(14);

/** One entry of a list: its text, optionally a muted line under it and a short note on the right (e.g. "5 stemmen"). */
export interface ListEntry {
	text: string;
	detail?: string;
	aside?: string;
}

/** A raster picture to place as a figure, with the words that stand in for it. */
export interface FigureContent {
	png: Uint8Array;
	alt: string;
	caption: string;
}

/** Width and height in pixels, from the PNG's IHDR chunk (always the first, at a fixed offset). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
	const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (png.length < 24 || signature.some((byte, index) => png[index] !== byte)) throw new TypeError('not a PNG image');
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	const size = { width: view.getUint32(16), height: view.getUint32(20) };
	if (size.width === 0 || size.height === 0) throw new TypeError('PNG image without pixels');
	return size;
}

/** Text cut where it wraps: `head` fills the room given, `tail` goes on the next page. */
interface TextSplit {
	head: string;
	tail: string;
}

/**
 * Writes a report's body: headings, paragraphs and lists that continue over pages line by line,
 * tables, and figures — each tagged, under the section being written. Built on the invoice's
 * `PageFlow`, so continuation pages carry the same running header.
 */
export class ReportPdfWriter {
	readonly #context: PdfContext;
	readonly #flow: PageFlow;
	#section: PDFKit.PDFStructureElement | undefined;
	readonly #heights = new Map<string, number>();

	constructor(context: PdfContext, top: number, continuationTitle: string) {
		this.#context = context;
		this.#flow = new PageFlow(context, top, continuationTitle);
	}

	/** Groups what `write` draws in a `Sect`, so a theme reads as one part of the document. */
	section(write: () => void): void {
		const outer = this.#section;
		const section = this.#context.structure.group('Sect', outer);
		this.#section = section;
		try {
			write();
		} finally {
			this.#section = outer;
			section.end();
		}
	}

	/**
	 * A heading. `keepWith` is the height of what must follow on the same page, so a heading
	 * never ends up alone at the bottom of one.
	 */
	heading(level: HeadingLevel, text: string, keepWith = this.lines(2)): void {
		const { doc, structure } = this.#context;
		const style = HEADING_STYLE[level];
		const height = this.#measure(text, CONTENT_WIDTH, style);
		if (!this.#atPageTop()) this.#flow.advance(SPACE_ABOVE[level]);
		// What cannot follow on even an empty page would only leave the heading alone on the one before.
		const pageHeight = BODY_BOTTOM - CONTINUATION_BODY_TOP;
		this.#flow.ensureRoom(Math.min(height + SPACE_BELOW[level] + keepWith, pageHeight));
		const top = this.#flow.y;
		structure.element(`H${level}`, () => drawText(doc, text, CONTENT_LEFT, top, CONTENT_WIDTH, style), this.#section);
		this.#flow.advance(height + SPACE_BELOW[level]);
	}

	/** The height of `count` lines of text in `style` (body text by default), for `keepWith`. */
	lines(count: number, style: TextStyle = REPORT_TEXT.body): number {
		return this.#measure(Array.from({ length: count }, () => 'X').join('\n'), CONTENT_WIDTH, style);
	}

	/** Text written as paragraphs, one per block separated by an empty line; line breaks within a block are kept. */
	paragraphs(text: string, style: TextStyle = REPORT_TEXT.body): void {
		for (const block of paragraphs(text)) this.paragraph(block, style);
	}

	/**
	 * One paragraph, continued on the next page where it does not fit. A short paragraph that
	 * introduces what follows can keep `keepWith` points of it on the same page, like a heading.
	 */
	paragraph(text: string, style: TextStyle = REPORT_TEXT.body, keepWith = 0): void {
		const height = this.#measure(text, CONTENT_WIDTH, style);
		if (keepWith > 0 && height <= this.lines(3, style)) this.#flow.ensureRoom(height + PARAGRAPH_GAP + keepWith);
		const paragraph = this.#context.structure.group('P', this.#section);
		this.#startText(text, CONTENT_WIDTH, style);
		this.#flowText(paragraph, text, CONTENT_LEFT, CONTENT_WIDTH, style);
		paragraph.end();
		this.#flow.advance(PARAGRAPH_GAP);
	}

	/** A list, numbered `1.` `2.` … or with bullets; an item longer than the room left continues on the next page. */
	list(entries: ListEntry[], numbered = false): void {
		const { doc, structure } = this.#context;
		const list = structure.group('L', this.#section);
		entries.forEach((entry, index) => {
			const hasAside = entry.aside !== undefined;
			const bodyX = CONTENT_LEFT + LABEL_WIDTH;
			const bodyWidth = CONTENT_WIDTH - LABEL_WIDTH - (hasAside ? ASIDE_WIDTH : 0);
			const item = structure.group('LI', list);
			// A short item stays whole, so a name never sits on the page after the text it belongs to.
			const whole = this.#measureEntry(entry, bodyWidth);
			if (whole <= this.lines(6)) this.#flow.ensureRoom(whole);
			else this.#startText(entry.text, bodyWidth, REPORT_TEXT.body);
			const top = this.#flow.y;
			const label = numbered ? `${index + 1}.` : '•';
			structure.element('Lbl', () => drawText(doc, label, CONTENT_LEFT, top, LABEL_WIDTH - mm(1), REPORT_TEXT.body), item);
			const body = structure.group('LBody', item);
			const aside = entry.aside;
			const asideTop = top + (REPORT_TEXT.body.size - REPORT_TEXT.aside.size) * 0.8;
			this.#flowText(
				body,
				entry.text,
				bodyX,
				bodyWidth,
				REPORT_TEXT.body,
				aside === undefined
					? undefined
					: () => drawText(doc, aside, CONTENT_LEFT + CONTENT_WIDTH - ASIDE_WIDTH, asideTop, ASIDE_WIDTH, REPORT_TEXT.aside, 'right')
			);
			if (entry.detail) {
				this.#flow.advance(DETAIL_GAP);
				this.#startText(entry.detail, bodyWidth, REPORT_TEXT.detail);
				this.#flowText(body, entry.detail, bodyX, bodyWidth, REPORT_TEXT.detail);
			}
			body.end();
			item.end();
			this.#flow.advance(ITEM_GAP);
		});
		list.end();
		this.#flow.advance(PARAGRAPH_GAP - ITEM_GAP);
	}

	/**
	 * Labels with their values (`Datum` — `26 september 2019`), tagged as a table with row headers.
	 * Only at the top level: the invoice's helper adds its table to the document itself.
	 */
	details(rows: DetailRow[]): void {
		this.#assertTopLevel();
		const layout = { x: CONTENT_LEFT, width: CONTENT_WIDTH, labelWidth: mm(28) };
		const height = measureDetailList(this.#context, rows, layout);
		this.#flow.ensureRoom(height);
		drawDetailList(this.#context, rows, this.#flow.y, layout);
		this.#flow.advance(height + PARAGRAPH_GAP + mm(2));
	}

	/** A table over the content width whose header repeats on every page; only at the top level, like `details`. */
	table(columns: TableColumn[], rows: TableRow[]): void {
		this.#assertTopLevel();
		drawTable(this.#context, this.#flow, columns, rows);
		this.#flow.advance(PARAGRAPH_GAP);
	}

	/** The height a figure and its caption take, for a heading's `keepWith`. */
	measureFigure(figure: FigureContent): number {
		const { height } = this.#figureBox(figure.png);
		return height + CAPTION_GAP + this.#measure(figure.caption, CONTENT_WIDTH, REPORT_TEXT.detail);
	}

	/**
	 * A picture at the content width (smaller only if it is taller than a page), on the next
	 * page when it does not fit here, with a thin frame so a white canvas does not fade into
	 * the paper, and its caption below. Tagged as a `Figure` with the alternative text and its
	 * bounding box.
	 */
	figure(figure: FigureContent): void {
		const { doc, structure } = this.#context;
		const section = this.#section;
		if (!section) throw new Error('a figure belongs in a section');
		const { width, height } = this.#figureBox(figure.png);
		this.#flow.ensureRoom(this.measureFigure(figure));
		const x = CONTENT_LEFT + (CONTENT_WIDTH - width) / 2;
		const y = this.#flow.y;
		const image = Buffer.from(figure.png.buffer, figure.png.byteOffset, figure.png.byteLength);
		// The typings lack `bbox`, which pdfkit does support: the Layout attribute a figure requires.
		const options: PDFKit.Mixins.StructureElementOptions & { bbox: [number, number, number, number] } = {
			// A figure without words is skipped by a screen reader; the caption is better than nothing.
			alt: figure.alt.trim() || figure.caption,
			bbox: [x, y, x + width, y + height]
		};
		section.add(doc.struct('Figure', options, () => doc.image(image, x, y, { width, height })));
		structure.artifact(() => doc.rect(x, y, width, height).lineWidth(0.5).strokeColor(COLOURS.hairline).stroke());
		this.#flow.advance(height + CAPTION_GAP);
		const caption = figure.caption;
		const captionTop = this.#flow.y;
		structure.element('Caption', () => drawText(doc, caption, CONTENT_LEFT, captionTop, CONTENT_WIDTH, REPORT_TEXT.detail), section);
		this.#flow.advance(this.#measure(caption, CONTENT_WIDTH, REPORT_TEXT.detail) + PARAGRAPH_GAP);
	}

	/**
	 * `measureText`, remembered: pdfkit lays text out anew on every call, and a list or a split
	 * paragraph asks about the same text and the same few line heights many times.
	 */
	#measure(text: string, width: number, style: TextStyle): number {
		const key = `${style.size}/${style.weight}/${style.lineGap}/${width}/${text}`;
		let height = this.#heights.get(key);
		if (height === undefined) {
			height = measureText(this.#context.doc, text, width, style);
			this.#heights.set(key, height);
		}
		return height;
	}

	#measureEntry(entry: ListEntry, width: number): number {
		const text = this.#measure(entry.text, width, REPORT_TEXT.body);
		return entry.detail ? text + DETAIL_GAP + this.#measure(entry.detail, width, REPORT_TEXT.detail) : text;
	}

	#figureBox(png: Uint8Array): { width: number; height: number } {
		const pixels = pngSize(png);
		const captionRoom = this.lines(2, REPORT_TEXT.detail) + CAPTION_GAP;
		// A page-filling picture still leaves room for the heading above it, so the two stay together.
		const pageRoom = BODY_BOTTOM - CONTINUATION_BODY_TOP - captionRoom - FIGURE_HEADING_ROOM;
		const height = (CONTENT_WIDTH * pixels.height) / pixels.width;
		if (height <= pageRoom) return { width: CONTENT_WIDTH, height };
		return { width: (pageRoom * pixels.width) / pixels.height, height: pageRoom };
	}

	#atPageTop(): boolean {
		return this.#flow.y <= CONTINUATION_BODY_TOP;
	}

	#assertTopLevel(): void {
		if (this.#section) throw new Error('tables are drawn at the top level of the document only');
	}

	#newPage(): void {
		// Nothing is taller than infinity: this always starts a page.
		this.#flow.ensureRoom(Number.POSITIVE_INFINITY);
	}

	/**
	 * Makes sure text may start here: at least two of its lines (one when it has only one) fit,
	 * so no lone first line is left at the bottom of a page.
	 */
	#startText(text: string, width: number, style: TextStyle): void {
		const firstLines = Math.min(this.#measure(text, width, style), this.lines(2, style));
		this.#flow.ensureRoom(firstLines);
	}

	/**
	 * Draws text at the cursor under `element`, one marked part per page: what fits goes here,
	 * the rest on the next page, cut where the text wraps. `alongFirstPart` draws within the first
	 * part, after its text, so it is read right after it.
	 */
	#flowText(
		element: PDFKit.PDFStructureElement,
		text: string,
		x: number,
		width: number,
		style: TextStyle,
		alongFirstPart?: () => void
	): void {
		const { doc } = this.#context;
		let rest = text;
		let first = true;
		for (;;) {
			const room = BODY_BOTTOM - this.#flow.y;
			const height = this.#measure(rest, width, style);
			const split = height <= room ? { head: rest, tail: '' } : this.#split(rest, width, style, room);
			if (!split) {
				if (this.#atPageTop()) throw new Error('a word does not fit on an empty page');
				this.#newPage();
				continue;
			}
			const top = this.#flow.y;
			const extra = first ? alongFirstPart : undefined;
			element.add(() => {
				drawText(doc, split.head, x, top, width, style);
				extra?.();
			});
			first = false;
			this.#flow.advance(this.#measure(split.head, width, style));
			if (!split.tail) return;
			rest = split.tail;
			this.#newPage();
		}
	}

	/**
	 * The longest start of `text`, cut at a space, that takes at most `room` points; null when not
	 * even the first word fits. Lines wrap greedily, so that start is exactly the lines the whole
	 * text would have shown here. A last line left on its own goes over with the line before it.
	 */
	#split(text: string, width: number, style: TextStyle, room: number): TextSplit | null {
		const breaks = [...text.matchAll(/\s+/g)].map((match) => ({ end: match.index, next: match.index + match[0].length }));
		const fitting = (limit: number): number => {
			// Binary search: the number of words that fit grows with the room.
			let low = -1;
			let high = breaks.length - 1;
			while (low < high) {
				const middle = Math.ceil((low + high + 1) / 2);
				const cut = breaks[middle];
				if (cut && this.#measure(text.slice(0, cut.end), width, style) <= limit) low = middle;
				else high = middle - 1;
			}
			return low;
		};
		let index = fitting(room);
		let cut = breaks[index];
		if (!cut) return null;
		const tail = text.slice(cut.next);
		if (this.#measure(tail, width, style) < this.lines(2, style)) {
			const lineHeight = this.lines(2, style) - this.lines(1, style);
			index = fitting(this.#measure(text.slice(0, cut.end), width, style) - lineHeight);
			cut = breaks[index];
			if (!cut) return null;
		}
		return { head: text.slice(0, cut.end), tail: text.slice(cut.next) };
	}
}
