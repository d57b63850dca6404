import { LINE_HEIGHT } from './theme';

// How wide text is in Noto Sans, estimated without the font: the picture is text in an SVG that
// is rasterised later (canvas-png.ts), so lines are wrapped here by these widths.

/**
 * Advance widths of Noto Sans Regular for the printable ASCII characters (space to tilde), in
 * hundredths of an em, as read from the font file. Bold runs about 6 % wider.
 */
const ASCII_WIDTHS = [
	26, 27, 41, 65, 57, 83, 73, 23, 30, 30, 55, 57, 27, 32, 27, 37, 57, 57, 57, 57, 57, 57, 57, 57, 57, 57, 27, 27, 57, 57,
	57, 43, 90, 64, 65, 63, 73, 56, 52, 73, 74, 34, 27, 62, 52, 91, 76, 78, 61, 78, 62, 55, 56, 73, 60, 93, 59, 57, 57, 33,
	37, 33, 57, 44, 28, 56, 62, 48, 62, 56, 34, 62, 62, 26, 26, 53, 26, 94, 62, 61, 62, 62, 41, 48, 36, 62, 51, 79, 53, 51,
	47, 38, 55, 38, 57
];
const BOLD_FACTOR = 1.06;
export const ELLIPSIS = '…';
/** For characters outside the table: wider than most Latin letters, so text rather wraps early than overflows. */
const OTHER_WIDTH = 0.62;
/** The ascent and descent of Noto Sans, in em: where the baseline sits in a line box. */
const ASCENT = 1.069;
const DESCENT = 0.293;

function characterWidth(character: string): number {
	if (character === ELLIPSIS) return 0.79;
	// An accented letter is about as wide as the letter itself.
	const code = character.normalize('NFD').codePointAt(0) ?? 0;
	const width = code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : undefined;
	return width === undefined ? OTHER_WIDTH : width / 100;
}

/** Estimated width of `text` in Noto Sans at `fontSize`. */
export function textWidth(text: string, fontSize: number, bold: boolean): number {
	let width = 0;
	for (const character of text) width += characterWidth(character);
	return width * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** How far below the top of a line box (tldraw's line height) the baseline sits. */
export function baselineInLine(fontSize: number): number {
	// CSS centres the font's ascent and descent in each line box; the baseline follows from that.
	return ((LINE_HEIGHT - ASCENT - DESCENT) / 2 + ASCENT) * fontSize;
}
