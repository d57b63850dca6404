import type { Seller } from '../invoice-document';
import { drawDetailList, type DetailRow } from './detail-list';
import {
	ADDRESS_WINDOW,
	CONTENT_LEFT,
	FIRST_PAGE_BODY_TOP,
	LETTERHEAD_TOP,
	SECTION_GAP,
	SIDE_COLUMN_LEFT,
	SIDE_COLUMN_WIDTH,
	mm
} from './layout';
import type { PdfContext } from './pdf-document';
import { addressLines, addressOneLine } from './postal-address';
import { drawText, TEXT } from './typography';

export interface LetterheadContent {
	seller: Seller;
	/** The lines in the envelope window, organisation first. */
	recipient: string[];
	/** Reference details beside the address: number, dates, the buyer's references. */
	details: DetailRow[];
}

const LOGO_BOX = { width: mm(60), height: mm(22) };
const ADDRESS_STYLE = { ...TEXT.body, size: 10, lineGap: 2 };
const RETURN_LINE_STYLE = { ...TEXT.footer, size: 6.5 };

/** The seller's logo, or its name set as a wordmark when there is none. */
function drawBrand(context: PdfContext, seller: Seller): void {
	const { doc, structure } = context;
	if (seller.logo) {
		const image = Buffer.from(seller.logo.base64, 'base64');
		structure.element(
			'Figure',
			() => doc.image(image, CONTENT_LEFT, LETTERHEAD_TOP, { fit: [LOGO_BOX.width, LOGO_BOX.height] }),
			undefined,
			`Logo ${seller.legalName}`
		);
		return;
	}
	const width = SIDE_COLUMN_LEFT - CONTENT_LEFT - mm(5);
	structure.element('P', () => drawText(doc, seller.legalName, CONTENT_LEFT, LETTERHEAD_TOP, width, TEXT.wordmark));
}

/**
 * Sender address and contact in the right-hand column, headed by the name when a logo stands
 * on the left (without one, the wordmark already names the sender).
 */
function drawSender(context: PdfContext, seller: Seller): void {
	const { doc, structure } = context;
	structure.element('P', () => {
		let y = LETTERHEAD_TOP;
		if (seller.logo) y += drawText(doc, seller.legalName, SIDE_COLUMN_LEFT, y, SIDE_COLUMN_WIDTH, TEXT.bodyBold);
		for (const line of addressLines(seller.address)) y += drawText(doc, line, SIDE_COLUMN_LEFT, y, SIDE_COLUMN_WIDTH, TEXT.body);
		y += mm(1.5);
		for (const line of [seller.phone, seller.email]) {
			if (line) y += drawText(doc, line, SIDE_COLUMN_LEFT, y, SIDE_COLUMN_WIDTH, TEXT.body);
		}
	});
}

/** The sender's return line and the recipient's address, placed for a window envelope. */
function drawAddressWindow(context: PdfContext, seller: Seller, recipient: string[]): void {
	const { doc, structure } = context;
	const returnLine = `${seller.legalName} · ${addressOneLine(seller.address)}`;
	structure.artifact(() =>
		drawText(doc, returnLine, ADDRESS_WINDOW.left, ADDRESS_WINDOW.top - mm(5), ADDRESS_WINDOW.width, RETURN_LINE_STYLE)
	);
	structure.element('P', () => {
		let y = ADDRESS_WINDOW.top;
		for (const line of recipient) y += drawText(doc, line, ADDRESS_WINDOW.left, y, ADDRESS_WINDOW.width, ADDRESS_STYLE);
	});
}

/**
 * Page 1's top: brand, sender, the recipient in the envelope window and the reference details
 * beside it. Returns where the body may start.
 */
export function drawLetterhead(context: PdfContext, content: LetterheadContent): number {
	drawBrand(context, content.seller);
	drawSender(context, content.seller);
	drawAddressWindow(context, content.seller, content.recipient);
	const detailsHeight = drawDetailList(context, content.details, ADDRESS_WINDOW.top, {
		x: SIDE_COLUMN_LEFT,
		width: SIDE_COLUMN_WIDTH,
		labelWidth: mm(34)
	});
	return Math.max(FIRST_PAGE_BODY_TOP, ADDRESS_WINDOW.top + detailsHeight + SECTION_GAP);
}
