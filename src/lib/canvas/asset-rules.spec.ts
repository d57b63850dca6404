import { describe, expect, it } from 'vitest';
import {
	ALLOWED_IMAGE_TYPES,
	MAX_IMAGE_BYTES,
	assetUploadResponseSchema,
	canvasAssetPath,
	checkDeclaredImage,
	checkImage,
	detectImageType,
	imageProblemText,
	mediaType
} from './asset-rules';
import { SCRIPTED_SVG, TINY_PNG, imageOfType } from './test-images';

describe('detectImageType', () => {
	it('recognises each allowed type by its first bytes', () => {
		for (const type of ALLOWED_IMAGE_TYPES) expect(detectImageType(imageOfType(type))).toBe(type);
		expect(detectImageType(TINY_PNG)).toBe('image/png');
	});

	it('recognises nothing else: SVG, text, a RIFF that is not WebP, too few bytes', () => {
		expect(detectImageType(SCRIPTED_SVG)).toBeNull();
		expect(detectImageType(new TextEncoder().encode('dit is geen plaatje'))).toBeNull();
		expect(detectImageType(new TextEncoder().encode('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeNull();
		expect(detectImageType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
		expect(detectImageType(new Uint8Array())).toBeNull();
	});
});

describe('checkDeclaredImage', () => {
	it('accepts the four image types, whatever the case or parameters of the header', () => {
		expect(checkDeclaredImage('image/png')).toEqual({ ok: true, type: 'image/png' });
		expect(checkDeclaredImage('Image/JPEG; q=1')).toEqual({ ok: true, type: 'image/jpeg' });
		expect(checkDeclaredImage('image/webp', MAX_IMAGE_BYTES)).toEqual({ ok: true, type: 'image/webp' });
	});

	it('refuses SVG, other types and no type', () => {
		for (const type of ['image/svg+xml', 'text/html', 'video/mp4', 'image/jpg', '', null, undefined]) {
			expect({ type, result: checkDeclaredImage(type) }).toEqual({
				type,
				result: { ok: false, problem: 'type-not-allowed' }
			});
		}
	});

	it('refuses a declared size over 10 MiB', () => {
		expect(checkDeclaredImage('image/gif', MAX_IMAGE_BYTES + 1)).toEqual({ ok: false, problem: 'too-large' });
	});
});

describe('checkImage', () => {
	it('accepts bytes of the declared type, up to and including 10 MiB', () => {
		expect(checkImage('image/png', TINY_PNG)).toEqual({ ok: true, type: 'image/png' });
		expect(checkImage('image/jpeg', imageOfType('image/jpeg', MAX_IMAGE_BYTES))).toEqual({ ok: true, type: 'image/jpeg' });
	});

	it('refuses a PNG declared as JPEG, and a text file declared as PNG', () => {
		expect(checkImage('image/jpeg', TINY_PNG)).toEqual({ ok: false, problem: 'type-mismatch' });
		expect(checkImage('image/png', new TextEncoder().encode('hallo'))).toEqual({ ok: false, problem: 'not-an-image' });
	});

	it('refuses SVG however it is declared', () => {
		expect(checkImage('image/svg+xml', SCRIPTED_SVG)).toEqual({ ok: false, problem: 'type-not-allowed' });
		expect(checkImage('image/png', SCRIPTED_SVG)).toEqual({ ok: false, problem: 'not-an-image' });
	});

	it('refuses an empty file and one over 10 MiB', () => {
		expect(checkImage('image/png', new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
		expect(checkImage('image/png', imageOfType('image/png', MAX_IMAGE_BYTES + 1))).toEqual({ ok: false, problem: 'too-large' });
	});
});

describe('the contract', () => {
	it('has a Dutch sentence for every problem, with the brief’s wording', () => {
		expect(imageProblemText['type-not-allowed']).toBe('Alleen afbeeldingen in PNG, JPEG, GIF of WebP kunnen op het canvas.');
		expect(imageProblemText['too-large']).toBe('Deze afbeelding is groter dan 10 MB.');
		for (const text of Object.values(imageProblemText)) expect(text).toMatch(/^[A-Z].*\.$/);
	});

	it('names an image by canvas and id, and the upload answer must point into the app', () => {
		const src = canvasAssetPath('0b7c2a8e-6c1f-4d4e-9a57-3f7d2b8c9e10', '5d3e1f20-7a8b-4c9d-8e0f-112233445566');
		expect(src).toBe('/api/canvas/0b7c2a8e-6c1f-4d4e-9a57-3f7d2b8c9e10/afbeeldingen/5d3e1f20-7a8b-4c9d-8e0f-112233445566');
		expect(assetUploadResponseSchema.safeParse({ src }).success).toBe(true);
		expect(assetUploadResponseSchema.safeParse({ src: 'https://elders.example/x.png' }).success).toBe(false);
		expect(mediaType(' image/PNG ;charset=x')).toBe('image/png');
	});
});
