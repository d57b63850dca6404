import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { canvasAssetPath, imageProblemText } from '$lib/canvas/asset-rules';
import { uploadCanvasImage, type UploadProblem } from '$lib/server/canvas-assets/canvas-assets';
import { visitorId } from '$lib/server/http/visitor';
import { canvasRequester } from '$lib/server/realtime/canvas-access';
import { createPostgresAssetStorage } from '$lib/server/storage/postgres-asset-storage';

/** HTTP status and Dutch message per refusal. */
const refusal: Record<UploadProblem, [number, string]> = {
	'not-found': [404, 'Dit canvas bestaat niet.'],
	'not-allowed': [403, 'Dit canvas is alleen open voor deelnemers van de sessie.'],
	'read-only': [403, 'Je kunt op dit canvas alleen kijken, niets toevoegen.'],
	incomplete: [400, 'De afbeelding is niet helemaal aangekomen. Probeer het opnieuw.'],
	'too-large': [413, imageProblemText['too-large']],
	'type-not-allowed': [415, imageProblemText['type-not-allowed']],
	'not-an-image': [415, imageProblemText['not-an-image']],
	'type-mismatch': [415, imageProblemText['type-mismatch']],
	empty: [400, imageProblemText.empty]
};

const contentLengthSchema = z.coerce.number().int().nonnegative();

/**
 * Adds an image to a canvas (tldraw's asset store calls this when someone drops or pastes an
 * image). The body is the file itself, raw, with its type in Content-Type (image/png, image/jpeg,
 * image/gif or image/webp) — no multipart form, so the size is known before reading and the body
 * is never buffered past 10 MiB. Answers 201 with `{ src }`: the URL the image is served from.
 * Only from the app's own pages: a request from another origin is refused.
 */
export const POST: RequestHandler = async ({ params, request, url, cookies, locals }) => {
	if (request.headers.get('origin') !== url.origin) error(403, 'Dit verzoek komt niet van deze website.');
	const canvasId = z.uuid().safeParse(params.id);
	if (!canvasId.success) error(404, 'Dit canvas bestaat niet.');
	const declaredBytes = contentLengthSchema.safeParse(request.headers.get('content-length') ?? undefined);

	const result = await uploadCanvasImage(
		{ sql: locals.sql, storage: createPostgresAssetStorage(locals.sql), openAccess: locals.config.CANVAS_OPEN_ACCESS },
		{
			canvasId: canvasId.data,
			requester: canvasRequester(locals.staff, () => visitorId(cookies, url.protocol === 'https:')),
			declaredType: request.headers.get('content-type'),
			declaredBytes: declaredBytes.success ? declaredBytes.data : undefined,
			body: request.body
		}
	);
	if (!result.ok) {
		const [status, message] = refusal[result.problem];
		error(status, message);
	}
	return json({ src: canvasAssetPath(canvasId.data, result.id) }, { status: 201, headers: { 'cache-control': 'no-store' } });
};
