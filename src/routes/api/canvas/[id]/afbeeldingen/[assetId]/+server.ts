import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { readCanvasImage } from '$lib/server/canvas-assets/canvas-assets';
import { visitorId } from '$lib/server/http/visitor';
import { canvasRequester } from '$lib/server/realtime/canvas-access';
import { createPostgresAssetStorage } from '$lib/server/storage/postgres-asset-storage';

/**
 * Serves an image of a canvas to whoever may open the canvas. The headers make sure the bytes
 * are only ever an image: the stored (checked) type and no sniffing, and should a browser still
 * open it as a document, a sandbox without scripts, styles or requests. An image never changes
 * under its id, so the browser may keep it (privately: access depends on the visitor).
 */
export const GET: RequestHandler = async ({ params, url, cookies, locals }) => {
	const canvasId = z.uuid().safeParse(params.id);
	const assetId = z.uuid().safeParse(params.assetId);
	if (!canvasId.success || !assetId.success) error(404, 'Deze afbeelding bestaat niet.');

	const result = await readCanvasImage(
		{ sql: locals.sql, storage: createPostgresAssetStorage(locals.sql), openAccess: locals.config.CANVAS_OPEN_ACCESS },
		{
			canvasId: canvasId.data,
			assetId: assetId.data,
			requester: canvasRequester(locals.staff, () => visitorId(cookies, url.protocol === 'https:'))
		}
	);
	if (!result.ok) {
		if (result.problem === 'not-found') error(404, 'Deze afbeelding bestaat niet.');
		error(403, 'Dit canvas is alleen open voor deelnemers van de sessie.');
	}
	const { contentType, data } = result.image;
	return new Response(data, {
		headers: {
			'content-type': contentType,
			'content-length': String(data.byteLength),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'content-disposition': 'inline',
			'cache-control': 'private, max-age=31536000, immutable'
		}
	});
};
