import {
	BODY_BOTTOM,
	COLOURS,
	CONTENT_LEFT,
	CONTENT_RIGHT,
	CONTENT_WIDTH,
	CONTINUATION_BODY_TOP,
	CONTINUATION_HEADER_TOP,
	mm
} from './layout';
import type { PdfContext } from './pdf-document';
import { drawText, TEXT } from './typography';

/**
 * The vertical cursor of the body text. Blocks ask for the room they need; when the page is
 * full a new page starts with a short header naming the document, so a loose page 2 on a desk
 * still says which invoice it belongs to.
 */
export class PageFlow {
	readonly #context: PdfContext;
	readonly #continuationTitle: string;
	#y: number;

	/** @param continuationTitle e.g. `Factuur 2019-00001`, printed atop every further page. */
	constructor(context: PdfContext, top: number, continuationTitle: string) {
		this.#context = context;
		this.#continuationTitle = continuationTitle;
		this.#y = top;
	}

	get y(): number {
		return this.#y;
	}

	/** Whether `height` more points fit on the current page. */
	fits(height: number): boolean {
		return this.#y + height <= BODY_BOTTOM;
	}

	/**
	 * Makes sure `height` points fit, starting a new page if not. Returns whether it did, so a
	 * table can repeat its header.
	 */
	ensureRoom(height: number): boolean {
		if (this.fits(height)) return false;
		this.#newPage();
		return true;
	}

	/** Moves the cursor down. */
	advance(height: number): void {
		this.#y += height;
	}

	#newPage(): void {
		const { doc, structure } = this.#context;
		doc.addPage();
		structure.artifact(() => {
			drawText(doc, `${this.#continuationTitle} (vervolg)`, CONTENT_LEFT, CONTINUATION_HEADER_TOP, CONTENT_WIDTH, TEXT.label);
			const ruleY = CONTINUATION_HEADER_TOP + mm(5);
			doc.moveTo(CONTENT_LEFT, ruleY).lineTo(CONTENT_RIGHT, ruleY).lineWidth(0.5).strokeColor(COLOURS.hairline).stroke();
		}, 'Pagination');
		this.#y = CONTINUATION_BODY_TOP;
	}
}
