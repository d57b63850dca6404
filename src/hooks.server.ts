import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { clearStaffSessionCookie, resolveStaffSession, STAFF_SESSION_COOKIE } from '$lib/server/auth/staff-sessions';
import { loggablePath } from '$lib/server/http/loggable-path';
import { CROSS_SITE_MESSAGE, isCrossSiteFormPost, isNonFormPostToPage, NOT_A_FORM_MESSAGE } from '$lib/server/http/same-origin';
import { startRuntime } from '$lib/server/runtime';

/** Database up, migrated and seeded before the first request is served. */
export const init: ServerInit = async () => {
	await startRuntime();
};

export const handle: Handle = async ({ event, resolve }) => {
	if (isNonFormPostToPage(event.request, event.url)) {
		return new Response(NOT_A_FORM_MESSAGE, { status: 415, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	if (isCrossSiteFormPost(event.request, event.url)) {
		return new Response(CROSS_SITE_MESSAGE, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	const runtime = await startRuntime();
	const requestId = randomUUID();
	const log = runtime.log.child({ requestId });
	event.locals.requestId = requestId;
	event.locals.log = log;
	event.locals.sql = runtime.db.sql;
	event.locals.config = runtime.config;
	event.locals.live = runtime.live;
	event.locals.reports = runtime.reports;

	const staffToken = event.cookies.get(STAFF_SESSION_COOKIE);
	event.locals.staff = staffToken ? await resolveStaffSession(runtime.db.sql, staffToken) : null;
	// A cookie that names no live session (expired, signed out elsewhere, switched off) is dropped.
	if (staffToken && !event.locals.staff) clearStaffSessionCookie(event.cookies, event.url.protocol === 'https:');

	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('x-request-id', requestId);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	log.info(
		{
			method: event.request.method,
			path: loggablePath(event.url.pathname),
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

/**
 * Unexpected errors: logged in full with the request id, shown to the visitor as one plain
 * Dutch sentence — never a stack trace.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Deze pagina bestaat niet.' };
	const requestId = event.locals.requestId ?? randomUUID();
	(event.locals.log ?? console).error({ err: error, status, path: loggablePath(event.url.pathname) }, 'unhandled error');
	return {
		message: 'Er ging aan onze kant iets mis. Probeer het later opnieuw.',
		requestId
	};
};
