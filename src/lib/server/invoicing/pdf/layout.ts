/**
 * The page grid shared by every document: A4 in PDF points (1/72 inch), with positions given in
 * millimetres because that is how envelope and print specifications are written.
 */

/** Millimetres to PDF points. */
export function mm(millimetres: number): number {
	return (millimetres * 72) / 25.4;
}

export const PAGE_WIDTH = mm(210);
export const PAGE_HEIGHT = mm(297);

export const CONTENT_LEFT = mm(20);
export const CONTENT_RIGHT = PAGE_WIDTH - mm(20);
export const CONTENT_WIDTH = CONTENT_RIGHT - CONTENT_LEFT;

/** Where the letterhead's right-hand column (sender, reference details) starts. */
export const SIDE_COLUMN_LEFT = mm(115);
export const SIDE_COLUMN_WIDTH = CONTENT_RIGHT - SIDE_COLUMN_LEFT;

export const LETTERHEAD_TOP = mm(15);

/**
 * The address block sits where the window of a Dutch window envelope (EA5/6, C5, C5/6) shows it:
 * 20 mm from the left edge, 50 mm from the top, 85 mm wide. The sender's return line goes just
 * above it, inside the same window.
 */
export const ADDRESS_WINDOW = { left: mm(20), top: mm(50), width: mm(85) } as const;

/** The body never starts above this on page 1, so the window shows nothing but the address. */
export const FIRST_PAGE_BODY_TOP = mm(94);
/** Continuation pages carry a one-line header instead of the letterhead. */
export const CONTINUATION_HEADER_TOP = mm(15);
export const CONTINUATION_BODY_TOP = mm(28);
/** The lowest point body content may reach; the footer lives below it. */
export const BODY_BOTTOM = mm(268);
export const FOOTER_TOP = mm(276);

/** Vertical space between sections of the body. */
export const SECTION_GAP = mm(7);

/**
 * Colours of the print: near-black text and greys only, so the page reads the same on a
 * black-and-white office printer and in a scan.
 */
export const COLOURS = {
	ink: '#1a1a1a',
	muted: '#555555',
	rule: '#7a7a7a',
	hairline: '#cfcfcf',
	shade: '#efefef'
} as const;
