import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf } from '$lib/server/http/csrf';
import { findPublicationEvent } from '$lib/server/reports/report-access';
import { reportStatuses, setPublicationVisibility } from '$lib/server/reports/report-store';
import type { Actions, PageServerLoad } from './$types';

const visibilitySchema = z.enum(['private', 'public'], { error: 'Kies wie de publicatie mag lezen.' });

/** The event's session reports, where each stands, and who may read the publication. */
export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const publication = await findPublicationEvent(event.locals.sql, deskEvent.slug);
	return {
		event: deskEvent,
		isOrganizer: true,
		visibility: publication?.visibility ?? 'private',
		// A draft event has no public pages, so no publication either.
		publicationPossible: publication !== null,
		reports: await reportStatuses(event.locals.sql, deskEvent.id)
	};
};

export const actions: Actions = {
	zichtbaarheid: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
		if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
		const visibility = visibilitySchema.safeParse(form.get('zichtbaarheid'));
		if (!visibility.success) return fail(400, { visibilityError: visibility.error.issues[0]?.message ?? 'Kies wie de publicatie mag lezen.' });
		await setPublicationVisibility(event.locals.sql, deskEvent.id, visibility.data, member.email);
		return { visibilitySaved: true };
	}
};
