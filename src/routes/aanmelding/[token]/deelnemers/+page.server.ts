import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accessTokenSchema } from '$lib/server/registrations/access-token';
import { findRegistrationByToken, sharedParticipantList } from '$lib/server/registrations/queries';

/** Only confirmed participants see who else is coming; the list holds only those who agreed. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const token = accessTokenSchema.safeParse(params.token);
	const registration = token.success ? await findRegistrationByToken(locals.sql, token.data) : null;
	if (!registration || registration.anonymisedAt) error(404, 'Deze link is niet (meer) geldig.');
	if (registration.status !== 'confirmed') {
		error(403, 'De deelnemerslijst is er voor deelnemers met een bevestigde plaats.');
	}
	const list = await sharedParticipantList(locals.sql, registration.eventId);
	return {
		eventTitle: registration.eventTitle,
		ownConsent: registration.participantListConsent,
		...list
	};
};
