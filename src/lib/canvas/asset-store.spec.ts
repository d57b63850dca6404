import { AssetRecordType, type TLImageAsset } from '@tldraw/tlschema';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from './asset-rules';
import { AssetUploadRefused, createCanvasAssetStore } from './asset-store';
import { SCRIPTED_SVG, TINY_PNG, imageOfType } from './test-images';

const canvasId = '0b7c2a8e-6c1f-4d4e-9a57-3f7d2b8c9e10';
const src = `/api/canvas/${canvasId}/afbeeldingen/5d3e1f20-7a8b-4c9d-8e0f-112233445566`;

/** An image asset as tldraw makes one for a dropped file, before the upload. */
function imageAsset(file: File): TLImageAsset {
	return {
		id: AssetRecordType.createId('test'),
		typeName: 'asset',
		type: 'image',
		props: { name: file.name, src: '', w: 1, h: 1, fileSize: file.size, mimeType: file.type, isAnimated: false },
		meta: {}
	};
}

/** A fetch that records its requests and answers with `response`. */
function fakeFetch(response: () => Response) {
	const requests: { url: string; init: RequestInit | undefined }[] = [];
	const fetchImpl: typeof fetch = async (input, init) => {
		requests.push({ url: String(input), init });
		return response();
	};
	return { fetchImpl, requests };
}

describe('the canvas asset store', () => {
	it('uploads the file itself to the canvas’s endpoint and keeps the URL the app gives back', async () => {
		const { fetchImpl, requests } = fakeFetch(() => Response.json({ src }, { status: 201 }));
		const store = createCanvasAssetStore(canvasId, fetchImpl);
		const file = new File([TINY_PNG], 'schets.png', { type: 'image/png' });

		expect(await store.upload(imageAsset(file), file)).toEqual({ src });
		expect(requests).toHaveLength(1);
		expect(requests[0]?.url).toBe(`/api/canvas/${canvasId}/afbeeldingen`);
		expect(requests[0]?.init).toMatchObject({
			method: 'POST',
			body: file,
			headers: { 'content-type': 'image/png', accept: 'application/json' }
		});
	});

	it('refuses SVG and files over 10 MiB without uploading, with the Dutch reason', async () => {
		const { fetchImpl, requests } = fakeFetch(() => Response.json({ src }, { status: 201 }));
		const store = createCanvasAssetStore(canvasId, fetchImpl);
		const svg = new File([SCRIPTED_SVG], 'logo.svg', { type: 'image/svg+xml' });
		const huge = new File([imageOfType('image/png', MAX_IMAGE_BYTES + 1)], 'groot.png', { type: 'image/png' });

		await expect(store.upload(imageAsset(svg), svg)).rejects.toThrow(
			'Alleen afbeeldingen in PNG, JPEG, GIF of WebP kunnen op het canvas.'
		);
		await expect(store.upload(imageAsset(huge), huge)).rejects.toThrow('Deze afbeelding is groter dan 10 MB.');
		expect(requests).toEqual([]);
	});

	it('passes on the app’s Dutch refusal, and refuses an answer that does not point into the app', async () => {
		const refused = createCanvasAssetStore(
			canvasId,
			fakeFetch(() => Response.json({ message: 'Dit bestand is geen afbeelding in PNG, JPEG, GIF of WebP.' }, { status: 415 })).fetchImpl
		);
		const file = new File(['hallo'], 'nep.png', { type: 'image/png' });
		const error = await refused.upload(imageAsset(file), file).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(AssetUploadRefused);
		expect(error).toMatchObject({ status: 415, message: 'Dit bestand is geen afbeelding in PNG, JPEG, GIF of WebP.' });

		const elsewhere = createCanvasAssetStore(
			canvasId,
			fakeFetch(() => Response.json({ src: 'https://elders.example/plaatje.png' }, { status: 201 })).fetchImpl
		);
		await expect(elsewhere.upload(imageAsset(file), new File([TINY_PNG], 'a.png', { type: 'image/png' }))).rejects.toThrow();
	});

	it('shows an image from the URL it was stored under', async () => {
		const store = createCanvasAssetStore(canvasId, fakeFetch(() => new Response()).fetchImpl);
		const asset = imageAsset(new File([TINY_PNG], 'schets.png', { type: 'image/png' }));
		const context = { screenScale: 1, steppedScreenScale: 1, dpr: 2, networkEffectiveType: null, shouldResolveToOriginal: false };
		expect(await store.resolve?.({ ...asset, props: { ...asset.props, src } }, context)).toBe(src);
	});
});
