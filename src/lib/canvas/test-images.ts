import type { ImageType } from './asset-rules';

// Small factories of image files for tests: real signatures, and one real PNG a browser can
// decode. Pure (atob exists in Node and browsers), so unit, integration and e2e tests share them.

/** A real 1×1 PNG: what a browser (and tldraw) can decode and measure. */
export const TINY_PNG: Uint8Array<ArrayBuffer> = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
	(char) => char.charCodeAt(0)
);

/** An SVG that would run a script if it were served as SVG from the app's origin. */
export const SCRIPTED_SVG: Uint8Array<ArrayBuffer> = new TextEncoder().encode(
	'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
);

const SIGNATURES: Record<ImageType, number[]> = {
	'image/png': [...TINY_PNG.subarray(0, 8)],
	'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
	'image/gif': [...'GIF89a'].map((char) => char.charCodeAt(0)),
	'image/webp': [...'RIFF\x24\x00\x00\x00WEBPVP8 '].map((char) => char.charCodeAt(0))
};

/**
 * A file of `bytes` bytes that starts with the signature of `type` (for PNG: the whole tiny PNG,
 * so it still decodes), padded with zeros. Enough for type checks; not a picture.
 */
export function imageOfType(type: ImageType, bytes = 64): Uint8Array<ArrayBuffer> {
	const head = type === 'image/png' ? [...TINY_PNG] : SIGNATURES[type];
	const file = new Uint8Array(Math.max(bytes, head.length));
	file.set(head);
	return file;
}
