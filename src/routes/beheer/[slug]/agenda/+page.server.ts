import { error } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { copySources, loadEventAgenda } from '$lib/server/programme/agenda-store';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const [sessions, sources] = await Promise.all([loadEventAgenda(event.locals.sql, deskEvent.id), copySources(event.locals.sql)]);
	return {
		event: { slug: deskEvent.slug, title: deskEvent.title },
		sessions,
		sources,
		/** `?verwijderd`: a session was just removed (its page redirected here). */
		removed: event.url.searchParams.has('verwijderd'),
		isOrganizer: true
	};
};
