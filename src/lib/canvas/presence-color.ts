/**
 * A cursor colour for a name: the same name gets the same colour on every screen, without
 * storing anything. Colours from tldraw's palette, dark enough for white label text.
 */
const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#c2410c', '#0e7490', '#be185d', '#4d7c0f'] as const;

export function presenceColor(name: string): string {
	let hash = 0;
	for (const char of name.trim().toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
	return PALETTE[hash % PALETTE.length]!;
}
