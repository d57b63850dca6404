import { renderAsync } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fontFileBuffers } from '../invoicing/pdf/fonts';

// Canvas images as PNG (for the downloadable file and wherever an SVG will not do), rendered by
// resvg with the app's own Noto Sans, so the text looks the same on every server and the widths
// canvas-image/font-metrics.ts estimates hold.

/** Widest PNG we render: 10,000 × 10,000 RGBA pixels is 400 MB before compression. */
const MAX_WIDTH = 10_000;

export interface SvgToPngOptions {
	/** Width of the PNG in pixels, the height following the SVG's aspect ratio; the SVG's own size by default. */
	width?: number;
}

/**
 * Renders an SVG (such as `canvasSvg(...).svg`) to PNG bytes on a white background. Text falls
 * back to Noto Sans whatever family it asks for; system fonts are never used. The rendering runs
 * in Node's thread pool: a big canvas takes seconds, which the live sessions in this same
 * process must not wait for.
 */
export async function svgToPng(svg: string, options: SvgToPngOptions = {}): Promise<Uint8Array> {
	const { width } = options;
	if (width !== undefined && !(Number.isInteger(width) && width >= 1 && width <= MAX_WIDTH)) {
		throw new RangeError(`svgToPng: width must be a whole number from 1 to ${MAX_WIDTH}, not ${width}`);
	}
	const image = await renderAsync(svg, {
		font: {
			fontFiles: fontFilePaths(),
			loadSystemFonts: false,
			defaultFontFamily: 'Noto Sans',
			sansSerifFamily: 'Noto Sans'
		},
		fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
		background: '#ffffff',
		logLevel: 'off'
	});
	return image.asPng();
}

// resvg's Node build (resvg-js 2.6) loads fonts from files only (`fontBuffers` is in its WASM
// build alone), and not from WOFF, the format Fontsource ships. So the fonts, unpacked by
// fonts.ts, are written once into a private directory under the system's temporary directory,
// named for this user and the fonts' contents: every process (server, test workers) reuses it
// instead of leaving a copy behind.
let fontPaths: string[] | undefined;

function fontFilePaths(): string[] {
	if (fontPaths) return fontPaths;
	const fonts = fontFileBuffers();
	const hash = createHash('sha256');
	for (const bytes of fonts) hash.update(bytes);
	const directory = privateDirectory(join(tmpdir(), `canvas-fonts-${process.getuid?.() ?? 0}-${hash.digest('hex').slice(0, 16)}`));
	fontPaths = fonts.map((bytes, index) => {
		const path = join(directory, `noto-sans-${index}.ttf`);
		if (!existsSync(path)) {
			// Written aside and renamed, so a process running alongside never reads half a font.
			const partial = `${path}.${process.pid}.partial`;
			writeFileSync(partial, bytes);
			renameSync(partial, path);
		}
		return path;
	});
	return fontPaths;
}

/**
 * `path` as a directory only this user can write, created when missing. Anything else there
 * (another user's directory, a symlink) is not trusted: a fresh directory is made instead.
 */
function privateDirectory(path: string): string {
	try {
		mkdirSync(path, { mode: 0o700 });
		return path;
	} catch (error) {
		if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
	}
	const existing = lstatSync(path);
	const ours = existing.isDirectory() && existing.uid === (process.getuid?.() ?? existing.uid) && (existing.mode & 0o022) === 0;
	return ours ? path : mkdtempSync(`${path}-`);
}
