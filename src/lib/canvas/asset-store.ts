import type { TLAssetStore } from '@tldraw/tlschema';
import { z } from 'zod';
import { assetUploadResponseSchema, checkDeclaredImage, imageProblemText } from './asset-rules';

/** An image the app refused, with the Dutch reason (tldraw shows its own "upload failed" notice). */
export class AssetUploadRefused extends Error {
	override name = 'AssetUploadRefused';
	constructor(
		message: string,
		readonly status?: number
	) {
		super(message);
	}
}

const errorBodySchema = z.object({ message: z.string() });

/**
 * Where tldraw keeps the images of one canvas: uploaded to the app, which stores them and hands
 * back a URL. Without an asset store tldraw would write each image as base64 into the shared
 * document, which every participant then downloads and the server stores in every snapshot.
 * What the app would refuse (type, size) is refused here first, without an upload.
 */
export function createCanvasAssetStore(canvasId: string, fetchImpl: typeof fetch = fetch): TLAssetStore {
	return {
		async upload(_asset, file, abortSignal) {
			const declared = checkDeclaredImage(file.type, file.size);
			if (!declared.ok) throw new AssetUploadRefused(imageProblemText[declared.problem]);
			const response = await fetchImpl(`/api/canvas/${encodeURIComponent(canvasId)}/afbeeldingen`, {
				method: 'POST',
				credentials: 'same-origin',
				headers: { 'content-type': declared.type, accept: 'application/json' },
				body: file,
				signal: abortSignal
			});
			if (!response.ok) {
				const body = errorBodySchema.safeParse(await response.json().catch(() => null));
				throw new AssetUploadRefused(
					body.success ? body.data.message : 'Het opslaan van de afbeelding is niet gelukt.',
					response.status
				);
			}
			return assetUploadResponseSchema.parse(await response.json());
		},
		// The stored URL is same-origin and permanent: nothing to sign or rewrite.
		resolve: (asset) => asset.props.src
	};
}
