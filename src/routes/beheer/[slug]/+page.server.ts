import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { listRegistrations, readRegistrationFilter, registrationCounts } from '$lib/server/registrations/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { member } = requireStaff(event);
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const filter = readRegistrationFilter(event.url.searchParams);
	const [rows, counts] = await Promise.all([
		listRegistrations(event.locals.sql, deskEvent.id, filter),
		registrationCounts(event.locals.sql, deskEvent.id)
	]);
	return {
		event: deskEvent,
		filter,
		// The table shows no e-mail addresses; they do not need to travel to the browser.
		registrations: rows.map(({ email: _email, ...row }) => row),
		counts,
		isOrganizer: member.role === 'organizer'
	};
};
