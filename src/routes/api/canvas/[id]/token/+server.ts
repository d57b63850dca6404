import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { visitorId } from '$lib/server/http/visitor';
import { PARTICIPANT_COOKIE, resolveParticipant } from '$lib/server/live/participants';
import { canvasRequester, grantCanvasAccess } from '$lib/server/realtime/canvas-access';
import { CANVAS_SOCKET_PREFIX } from '$lib/server/realtime/canvas-endpoint';
import { issueRoomToken } from '$lib/server/realtime/room-token';

/**
 * A fresh room token for one canvas (the canvas page asks before every (re)connect). Only from
 * the app's own pages: a request from another origin is refused.
 */
export const POST: RequestHandler = async ({ params, request, url, cookies, locals }) => {
	if (request.headers.get('origin') !== url.origin) error(403, 'Dit verzoek komt niet van deze website.');
	const canvasId = z.uuid().safeParse(params.id);
	if (!canvasId.success) error(404, 'Dit canvas bestaat niet.');

	const { config } = locals;
	const participant = locals.staff ? null : await resolveParticipant(locals.sql, cookies.get(PARTICIPANT_COOKIE));
	const requester = canvasRequester(locals.staff, () => visitorId(cookies, url.protocol === 'https:'), participant);
	const grant = await grantCanvasAccess(locals.sql, canvasId.data, requester, config.CANVAS_OPEN_ACCESS);
	if (!grant.ok) {
		if (grant.reason === 'not-found') error(404, 'Dit canvas bestaat niet.');
		error(403, 'Dit canvas is alleen open voor deelnemers van de sessie.');
	}
	const { token, expiresAt } = await issueRoomToken(config.ROOM_TOKEN_SECRET, {
		canvasId: canvasId.data,
		role: grant.role,
		subject: grant.subject
	});
	return json(
		{ token, expiresAt: expiresAt.toISOString(), role: grant.role, socketPath: CANVAS_SOCKET_PREFIX.slice(0, -1) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
