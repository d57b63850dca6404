import { redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { eventWithNextSession } from '$lib/server/events/desk-events';
import type { PageServerLoad } from './$types';

/** "Inchecken" in the desk's menu: straight to the door of the event whose next session comes first. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const slug = await eventWithNextSession(event.locals.sql, new Date());
	redirect(303, slug ? `/beheer/${slug}/inchecken` : '/beheer');
};
