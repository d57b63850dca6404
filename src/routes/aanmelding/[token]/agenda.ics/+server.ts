import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { findProgrammeById } from '$lib/server/events/programme';
import { calendarText } from '$lib/server/mail/calendar';
import { accessTokenSchema } from '$lib/server/registrations/access-token';
import { findRegistrationByToken } from '$lib/server/registrations/queries';

/** The participant's sessions as a calendar file: the same one the confirmation mail carries. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const token = accessTokenSchema.safeParse(params.token);
	const registration = token.success ? await findRegistrationByToken(locals.sql, token.data) : null;
	if (!registration || registration.anonymisedAt || registration.status !== 'confirmed') {
		error(404, 'Er is geen agenda bij deze link: de link is niet (meer) geldig of de aanmelding is niet bevestigd.');
	}
	const programme = await findProgrammeById(locals.sql, registration.eventId);
	if (!programme) error(404, 'Dit programma bestaat niet meer.');
	const body = calendarText(
		programme,
		registration.sessions.map((session) => session.id),
		{ uidDomain: new URL(locals.config.publicOrigin).hostname, url: `${locals.config.publicOrigin}/programma/${programme.slug}` }
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="ontwerpsessies.ics"',
			'cache-control': 'private, no-store'
		}
	});
};
