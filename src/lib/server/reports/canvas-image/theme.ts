// tldraw 5.1's light theme and size constants (tldraw's defaultThemes.ts and
// default-shape-constants.ts), so the picture looks like what people saw on the canvas.

export const BASE_FONT_SIZE = 16;
/** tldraw's line height, as a multiple of the font size. */
export const LINE_HEIGHT = 1.35;
export const BASE_STROKE_WIDTH = 2;
export const STROKE_SIZES = { s: 1, m: 1.75, l: 2.5, xl: 5 };
export const FONT_SIZES = { s: 1.125, m: 1.5, l: 2.25, xl: 2.75 };
export const LABEL_FONT_SIZES = { s: 1.125, m: 1.375, l: 1.625, xl: 2 };
export const ARROW_LABEL_FONT_SIZES = { s: 1.125, m: 1.25, l: 1.5, xl: 1.75 };
export const LABEL_PADDING = 16;
export const NOTE_SIZE = 200;
/** tldraw shrinks note text whose longest word does not fit, down to this size, then breaks words. */
export const NOTE_MIN_FONT_SIZE = 14;
/** A frame's name, in canvas units: tldraw draws it at a fixed screen size, which a picture has not. */
export const FRAME_NAME_FONT_SIZE = 20;
export const FRAME_NAME_GAP = 6;
export const FRAME_STROKE = '#717171';
/** tldraw's "semi" fill is its near-white `solid` colour, not a tint. */
export const SEMI_FILL = '#fcfffe';
export const TEXT_COLOR = '#000000';
export const PLACEHOLDER_FILL = '#eceef0';
export const PLACEHOLDER_STROKE = '#c0cad3';
export const PLACEHOLDER_TEXT = '#5f6b76';

/** tldraw's shape sizes: `s`, `m`, `l`, `xl`. */
export type Size = keyof typeof STROKE_SIZES;

export interface PaletteColor {
	/** Strokes and text. */
	solid: string;
	/** Light tint, tldraw's "solid" fill. */
	semi: string;
	/** A sticky note of this colour. */
	note: string;
	/** The highlighter. */
	highlight: string;
}

/** tldraw's default colour, also for a colour name it does not know. */
export const BLACK: PaletteColor = { solid: '#1d1d1d', semi: '#e8e8e8', note: '#fce19c', highlight: '#fddd00' };

/** tldraw's colour names with their light-theme values. A Map, so a name like `constructor` finds nothing. */
export const PALETTE: ReadonlyMap<string, PaletteColor> = new Map<string, PaletteColor>([
	['black', BLACK],
	['grey', { solid: '#9fa8b2', semi: '#eceef0', note: '#c0cad3', highlight: '#cbe7f1' }],
	['light-violet', { solid: '#e085f4', semi: '#f5eafa', note: '#dfb0f9', highlight: '#ff88ff' }],
	['violet', { solid: '#ae3ec9', semi: '#ecdcf2', note: '#db91fd', highlight: '#c77cff' }],
	['blue', { solid: '#4465e9', semi: '#dce1f8', note: '#8aa3ff', highlight: '#10acff' }],
	['light-blue', { solid: '#4ba1f1', semi: '#ddedfa', note: '#9bc4fd', highlight: '#00f4ff' }],
	['yellow', { solid: '#f1ac4b', semi: '#f9f0e6', note: '#fed49a', highlight: '#fddd00' }],
	['orange', { solid: '#e16919', semi: '#f8e2d4', note: '#faa475', highlight: '#ffa500' }],
	['green', { solid: '#099268', semi: '#d3e9e3', note: '#6fc896', highlight: '#00ffc8' }],
	['light-green', { solid: '#4cb05e', semi: '#dbf0e0', note: '#98d08a', highlight: '#65f641' }],
	['light-red', { solid: '#f87777', semi: '#f4dadb', note: '#f7a5a1', highlight: '#ff7fa3' }],
	['red', { solid: '#e03131', semi: '#f4dadb', note: '#fc8282', highlight: '#ff636e' }],
	['white', { solid: '#ffffff', semi: '#f5f5f5', note: '#ffffff', highlight: '#ffffff' }]
]);
