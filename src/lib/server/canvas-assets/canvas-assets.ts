import { MAX_IMAGE_BYTES, checkDeclaredImage, checkImage, type ImageProblem } from '$lib/canvas/asset-rules';
import type { Sql } from '../db/database';
import { readLimitedBody } from '../http/limited-body';
import { grantCanvasAccess, type CanvasRequester } from '../realtime/canvas-access';
import type { AssetStorage, StoredAsset } from '../storage/asset-storage';

/**
 * Images on a canvas: who may add and see them, and what is accepted. Only editors of a canvas
 * may add an image; whoever may open the canvas may see its images.
 */

/** What the image functions need from the app. */
export interface CanvasAssetContext {
	sql: Sql;
	storage: AssetStorage;
	/** `CANVAS_OPEN_ACCESS`: see `grantCanvasAccess`. */
	openAccess: boolean;
}

/** Why an upload was refused: no access, or a problem of the image (see asset-rules.ts). */
export type UploadProblem = 'not-found' | 'not-allowed' | 'read-only' | 'incomplete' | ImageProblem;

export type UploadResult = { ok: true; id: string } | { ok: false; problem: UploadProblem };

export interface ImageUpload {
	canvasId: string;
	requester: CanvasRequester;
	/** The Content-Type the client sent. */
	declaredType: string | null;
	/** The Content-Length the client sent, if any; a promise, checked again while reading. */
	declaredBytes: number | undefined;
	body: ReadableStream<Uint8Array> | null;
}

/**
 * Stores an image for a canvas. In order of cost: access first, then what the headers claim,
 * and only then the body is read (never more than 10 MiB) and its real type checked. Either the
 * image is stored whole or nothing is.
 */
export async function uploadCanvasImage(context: CanvasAssetContext, upload: ImageUpload): Promise<UploadResult> {
	const grant = await grantCanvasAccess(context.sql, upload.canvasId, upload.requester, context.openAccess);
	if (!grant.ok) return { ok: false, problem: grant.reason };
	if (grant.role !== 'editor') return { ok: false, problem: 'read-only' };

	const declared = checkDeclaredImage(upload.declaredType, upload.declaredBytes);
	if (!declared.ok) return declared;
	const body = await readLimitedBody(upload.body, MAX_IMAGE_BYTES);
	if (!body.ok) return body;
	const image = checkImage(upload.declaredType, body.bytes);
	if (!image.ok) return image;

	const { id } = await context.storage.put({
		canvasId: upload.canvasId,
		contentType: image.type,
		data: body.bytes,
		createdBy: grant.subject
	});
	return { ok: true, id };
}

export type ReadResult = { ok: true; image: StoredAsset } | { ok: false; problem: 'not-found' | 'not-allowed' };

/**
 * An image of a canvas, for someone who may open that canvas. An image of another canvas is
 * not found, even with the right id.
 */
export async function readCanvasImage(
	context: CanvasAssetContext,
	request: { canvasId: string; assetId: string; requester: CanvasRequester }
): Promise<ReadResult> {
	const grant = await grantCanvasAccess(context.sql, request.canvasId, request.requester, context.openAccess);
	if (!grant.ok) return { ok: false, problem: grant.reason };
	const image = await context.storage.get(request.canvasId, request.assetId);
	return image ? { ok: true, image } : { ok: false, problem: 'not-found' };
}
