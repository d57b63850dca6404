import { error } from '@sveltejs/kit';
import { findSnapshot } from '$lib/server/live/look-back';
import type { RequestHandler } from './$types';

/** The snapshot's Yjs state, for the read-only canvas on the look-back page. */
export const GET: RequestHandler = async ({ params, locals, cookies }) => {
	const snapshot = await findSnapshot(locals.sql, { code: params.code, session: params.sessie, theme: params.thema, staff: locals.staff, cookies });
	if (!snapshot) error(404, 'Deze momentopname bestaat niet, of je kunt hem niet bekijken.');
	return new Response(Buffer.from(snapshot.state), {
		headers: { 'content-type': 'application/octet-stream', 'cache-control': 'private, max-age=300' }
	});
};
