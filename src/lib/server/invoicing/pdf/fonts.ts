import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { sfntFromWoff } from './woff';

/**
 * Noto Sans, the app's own typeface, embedded in every PDF. Fontsource ships it split by script:
 * the `latin` files cover Dutch and the euro sign, `latin-ext` the letters of names such as
 * Łukasz, Şahin or Dvořák. pdfkit cannot fall back from one font to another, so text is cut
 * into runs per subset (see `fontRuns`).
 *
 * Paths are resolved through Node's module resolution at run time, so the same code finds the
 * files under vitest and in the built server, where pdfkit and the fonts stay in node_modules.
 */

export type FontWeight = 'regular' | 'bold';
export type FontSubset = 'latin' | 'latin-ext';

/** Each weight with the CSS weight in Fontsource's file names. */
const WEIGHTS: { weight: FontWeight; cssWeight: number }[] = [
	{ weight: 'regular', cssWeight: 400 },
	{ weight: 'bold', cssWeight: 700 }
];
const SUBSETS: FontSubset[] = ['latin', 'latin-ext'];

const require = createRequire(import.meta.url);

/** The name a font is registered under in every document. */
export function fontName(weight: FontWeight, subset: FontSubset = 'latin'): string {
	return `noto-sans-${subset}-${weight}`;
}

// The font files never change while the process runs: read and unpack them once, not per invoice.
let fontFiles: Map<string, Buffer> | undefined;

function loadFontFiles(): Map<string, Buffer> {
	if (fontFiles) return fontFiles;
	const files = new Map<string, Buffer>();
	for (const subset of SUBSETS) {
		for (const { weight, cssWeight } of WEIGHTS) {
			const path = require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${cssWeight}-normal.woff`);
			files.set(fontName(weight, subset), sfntFromWoff(readFileSync(path)));
		}
	}
	fontFiles = files;
	return files;
}

/**
 * The same four fonts (regular and bold, latin and latin-ext) as plain sfnt (TrueType) bytes,
 * for renderers that cannot read WOFF, such as resvg for canvas images (canvas-png.ts).
 */
export function fontFileBuffers(): Buffer[] {
	return [...loadFontFiles().values()];
}

/** Registers regular and bold, latin and latin-ext, under the names `fontName` gives. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	for (const [name, bytes] of loadFontFiles()) doc.registerFont(name, bytes);
}

const unicodeRangesSchema = z.object({ latin: z.string().min(1) });

let latinRanges: [number, number][] | undefined;

/** The code point ranges of Fontsource's `latin` files, from the package's own unicode.json. */
function loadLatinRanges(): [number, number][] {
	if (latinRanges) return latinRanges;
	const { latin } = unicodeRangesSchema.parse(require('@fontsource/noto-sans/unicode.json'));
	latinRanges = latin.split(',').map((range): [number, number] => {
		const [start, end = start] = range.replace(/U\+/g, '').split('-');
		return [Number.parseInt(start ?? '', 16), Number.parseInt(end ?? '', 16)];
	});
	return latinRanges;
}

function isLatin(codePoint: number): boolean {
	return loadLatinRanges().some(([start, end]) => codePoint >= start && codePoint <= end);
}

export interface FontRun {
	text: string;
	subset: FontSubset;
}

/** Cuts text into the longest pieces one font subset can draw, in order. */
export function fontRuns(text: string): FontRun[] {
	const runs: FontRun[] = [];
	for (const character of text) {
		const subset: FontSubset = isLatin(character.codePointAt(0) ?? 0) ? 'latin' : 'latin-ext';
		const last = runs.at(-1);
		if (last && last.subset === subset) last.text += character;
		else runs.push({ text: character, subset });
	}
	return runs;
}
