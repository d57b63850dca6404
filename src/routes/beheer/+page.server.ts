import { requireStaff } from '$lib/server/auth/guard';
import { listEventOverviews } from '$lib/server/events/desk-events';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	return { events: await listEventOverviews(event.locals.sql) };
};
