import { ELLIPSIS, textWidth } from './font-metrics';
import type { Box } from './geometry';
import { LINE_HEIGHT } from './theme';

// Text laid out into lines as tldraw would show it: wrapped at spaces to a width (words longer
// than a line are broken), shrunk for notes whose longest word does not fit, and cut with "…"
// where a box has no more room. Widths are estimates (font-metrics.ts).

/** Where lines start: tldraw's alignments, in SVG's `text-anchor` words. */
export type Align = 'start' | 'middle' | 'end';

/** A block of text laid out in lines: every line starts at `x` (aligned by `anchor`). */
export interface TextBlock {
	lines: string[];
	fontSize: number;
	bold: boolean;
	fill: string;
	anchor: Align;
	x: number;
	/** Top of the first line's box. */
	top: number;
	/** Widest line, estimated. */
	width: number;
}

interface TextOptions {
	fontSize: number;
	bold: boolean;
	maxWidth: number;
	/** Lines beyond this are left out, the last one kept ending in "…". */
	maxLines?: number;
	fill: string;
	anchor: Align;
	x: number;
	top: number;
}

/** Wraps `text` at spaces to `maxWidth` (words longer than a line are broken), paragraph by paragraph. */
export function layoutText(text: string, options: TextOptions): TextBlock {
	const { fontSize, bold, maxWidth } = options;
	const lines: string[] = [];
	const spaceWidth = textWidth(' ', fontSize, bold);
	for (const paragraph of text.split('\n')) {
		let line = '';
		let lineWidth = 0;
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			const wordWidth = textWidth(word, fontSize, bold);
			if (line && lineWidth + spaceWidth + wordWidth <= maxWidth) {
				line += ` ${word}`;
				lineWidth += spaceWidth + wordWidth;
				continue;
			}
			if (line) lines.push(line);
			[line, lineWidth] = [word, wordWidth];
			while (lineWidth > maxWidth && [...line].length > 1) {
				const [head, rest] = splitToFit(line, maxWidth, fontSize, bold);
				lines.push(head);
				[line, lineWidth] = [rest, textWidth(rest, fontSize, bold)];
			}
		}
		lines.push(line);
	}
	const maxLines = options.maxLines ?? Infinity;
	if (lines.length > maxLines) {
		lines.length = Math.max(1, maxLines);
		lines[lines.length - 1] = withEllipsis(lines.at(-1) ?? '', maxWidth, fontSize, bold);
	}
	const width = Math.max(0, ...lines.map((line) => textWidth(line, fontSize, bold)));
	return { lines, fontSize, bold, fill: options.fill, anchor: options.anchor, x: options.x, top: options.top, width };
}

/** The longest start of `word` that fits (at least one character), and the rest. */
function splitToFit(word: string, maxWidth: number, fontSize: number, bold: boolean): [string, string] {
	const characters = [...word];
	let width = 0;
	let count = 0;
	for (const character of characters) {
		const next = width + textWidth(character, fontSize, bold);
		if (count > 0 && next > maxWidth) break;
		width = next;
		count++;
	}
	return [characters.slice(0, count).join(''), characters.slice(count).join('')];
}

/** `line` shortened until it fits with "…" after it. */
function withEllipsis(line: string, maxWidth: number, fontSize: number, bold: boolean): string {
	const characters = [...line];
	while (characters.length > 0 && textWidth(characters.join('') + ELLIPSIS, fontSize, bold) > maxWidth) characters.pop();
	return characters.join('').trimEnd() + ELLIPSIS;
}

interface BoxTextOptions {
	fontSize: number;
	/** Shrink towards this size while the longest word is wider than the box, as tldraw does for notes. */
	minFontSize?: number;
	padding: number;
	align: Align;
	verticalAlign: Align;
	fill: string;
	/** Cut text that does not fit the box's height, ending in "…". */
	truncate: boolean;
}

/** Text placed inside a box with padding, aligned both ways. */
export function textInBox(text: string, box: Box, options: BoxTextOptions): TextBlock {
	const innerWidth = Math.max(box.maxX - box.minX - 2 * options.padding, 1);
	const innerHeight = Math.max(box.maxY - box.minY - 2 * options.padding, 0);
	let fontSize = options.fontSize;
	if (options.minFontSize !== undefined) {
		const longestWord = Math.max(0, ...text.split(/\s+/).map((word) => textWidth(word, fontSize, false)));
		if (longestWord > innerWidth) {
			fontSize = Math.max(options.minFontSize, Math.floor((fontSize * innerWidth) / longestWord));
		}
	}
	const lineHeight = fontSize * LINE_HEIGHT;
	const x =
		options.align === 'start'
			? box.minX + options.padding
			: options.align === 'end'
				? box.maxX - options.padding
				: (box.minX + box.maxX) / 2;
	const block = layoutText(text, {
		fontSize,
		bold: false,
		maxWidth: innerWidth,
		maxLines: options.truncate ? Math.max(1, Math.floor(innerHeight / lineHeight)) : undefined,
		fill: options.fill,
		anchor: options.align,
		x,
		top: 0
	});
	const height = block.lines.length * lineHeight;
	block.top =
		options.verticalAlign === 'start'
			? box.minY + options.padding
			: options.verticalAlign === 'end'
				? box.maxY - options.padding - height
				: (box.minY + box.maxY - height) / 2;
	return block;
}

/** The box a text block takes, by its estimated width. */
export function textBox(block: TextBlock): Box {
	const left = block.x - { start: 0, middle: block.width / 2, end: block.width }[block.anchor];
	return {
		minX: left,
		minY: block.top,
		maxX: left + block.width,
		maxY: block.top + block.lines.length * block.fontSize * LINE_HEIGHT
	};
}

export function isEmptyText(block: TextBlock): boolean {
	return block.lines.every((line) => line === '');
}
