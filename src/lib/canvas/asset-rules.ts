import { z } from 'zod';

/**
 * What may be placed on a canvas as an image, checked the same way in the browser (before an
 * upload, to answer at once) and on the server (the check that counts). Pure: no DOM, no Node.
 */

/**
 * The image types a canvas accepts. SVG is not among them: an SVG is a document that can carry
 * scripts, and it would be served from the app's own origin.
 */
export const ALLOWED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof ALLOWED_IMAGE_TYPES)[number];

/** Largest image in bytes (10 MiB, tldraw's own default). The database checks the same number. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Why an image is refused; each has one Dutch sentence in `imageProblemText`. */
export type ImageProblem = 'type-not-allowed' | 'too-large' | 'empty' | 'not-an-image' | 'type-mismatch';

/** What a participant reads when an image is refused, in plain Dutch. */
export const imageProblemText: Record<ImageProblem, string> = {
	'type-not-allowed': 'Alleen afbeeldingen in PNG, JPEG, GIF of WebP kunnen op het canvas.',
	'too-large': 'Deze afbeelding is groter dan 10 MB.',
	empty: 'Er zit geen afbeelding in dit bestand.',
	'not-an-image': 'Dit bestand is geen afbeelding in PNG, JPEG, GIF of WebP.',
	'type-mismatch': 'Dit bestand is een ander soort afbeelding dan de naam zegt. Sla het opnieuw op en probeer het nog eens.'
};

/** The declared type (a Content-Type or `File.type`), refused unless it is one of ours. */
export const imageTypeSchema = z.enum(ALLOWED_IMAGE_TYPES, { error: imageProblemText['type-not-allowed'] });

/** What the upload endpoint answers: where the stored image can be read from. */
export const assetUploadResponseSchema = z.object({ src: z.string().startsWith('/api/canvas/') });
export type AssetUploadResponse = z.infer<typeof assetUploadResponseSchema>;

/** The app-relative URL an image of a canvas is served from; it never changes. */
export function canvasAssetPath(canvasId: string, assetId: string): string {
	return `/api/canvas/${encodeURIComponent(canvasId)}/afbeeldingen/${encodeURIComponent(assetId)}`;
}

/** The bare media type of a Content-Type header: `Image/PNG; x=y` is `image/png`. */
export function mediaType(contentType: string | null | undefined): string {
	return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/**
 * Checks what can be known before the bytes arrive: the declared type and, when given, the
 * declared size. The server uses it to refuse without reading the body; the browser to refuse
 * without uploading.
 */
export function checkDeclaredImage(
	declaredType: string | null | undefined,
	declaredBytes?: number
): { ok: true; type: ImageType } | { ok: false; problem: ImageProblem } {
	const type = imageTypeSchema.safeParse(mediaType(declaredType));
	if (!type.success) return { ok: false, problem: 'type-not-allowed' };
	if (declaredBytes !== undefined && declaredBytes > MAX_IMAGE_BYTES) return { ok: false, problem: 'too-large' };
	return { ok: true, type: type.data };
}

/**
 * Checks the bytes themselves: size, and that their real type (from the first bytes of the file)
 * is the declared one. A file's name or declared type is only a claim; a text file called
 * `foto.png`, or a PNG sent as JPEG, is refused.
 */
export function checkImage(
	declaredType: string | null | undefined,
	bytes: Uint8Array
): { ok: true; type: ImageType } | { ok: false; problem: ImageProblem } {
	const declared = checkDeclaredImage(declaredType, bytes.byteLength);
	if (!declared.ok) return declared;
	if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
	const detected = detectImageType(bytes);
	if (detected === null) return { ok: false, problem: 'not-an-image' };
	if (detected !== declared.type) return { ok: false, problem: 'type-mismatch' };
	return { ok: true, type: detected };
}

/** The image type that the file's signature ("magic bytes") shows, or null for anything else. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
	// RIFF container: 'RIFF', four bytes of length, then the form type 'WEBP'.
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes.subarray(8), ascii('WEBP'))) return 'image/webp';
	return null;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
	return bytes.byteLength >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function ascii(text: string): number[] {
	return [...text].map((char) => char.charCodeAt(0));
}
