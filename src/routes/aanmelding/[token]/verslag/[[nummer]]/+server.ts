import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { accessTokenSchema } from '$lib/server/registrations/access-token';
import { findRegistrationByToken } from '$lib/server/registrations/queries';
import { sessionNumberSchema } from '$lib/events/schema';
import { grantReader, sessionPosition } from '$lib/server/reports/report-access';
import type { RequestHandler } from './$types';

/**
 * The link in "het verslag staat klaar": the participant's own link, which lets this browser read
 * the event's (private) publication, then on to the report. Participants with a place only.
 */
export const GET: RequestHandler = async (event) => {
	const token = accessTokenSchema.safeParse(event.params.token);
	const registration = token.success ? await findRegistrationByToken(event.locals.sql, token.data) : null;
	if (!token.success || !registration || registration.anonymisedAt) {
		error(404, 'Deze link is niet (meer) geldig. Vraag je persoonlijke link opnieuw aan via het aanmeldformulier.');
	}
	if (registration.status !== 'confirmed') error(403, 'De verslagen zijn voor deelnemers met een plaats; je aanmelding is geannuleerd of staat op de wachtlijst.');
	// A session by its number (the personal page) or its id (the mail, which outlives renumbering).
	const sessionId = z.uuid().safeParse(event.params.nummer);
	const position = sessionId.success
		? await sessionPosition(event.locals.sql, registration.eventId, sessionId.data)
		: sessionNumberSchema.safeParse(event.params.nummer).data;
	if (event.params.nummer !== undefined && position === undefined) error(404, 'Dit verslag bestaat niet.');
	grantReader(event.cookies, registration.eventSlug, token.data, event.url.protocol === 'https:');
	redirect(303, position ? `/publicatie/${registration.eventSlug}/${position}` : `/publicatie/${registration.eventSlug}`);
};
