import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { StaffSession } from './staff-sessions';

export const SIGN_IN_PATH = '/beheer/inloggen';

/** The sign-in page, with the way back to `url` (a form action's `?/name` is not a page to return to). */
export function signInPathFor(url: URL): string {
	const back = url.search.startsWith('?/') ? url.pathname : `${url.pathname}${url.search}`;
	return `${SIGN_IN_PATH}?terug=${encodeURIComponent(back)}`;
}

/**
 * The signed-in staff member, or a 303 to the sign-in page. The `/beheer` layout checks this for
 * pages, but a layout's load does not run for form actions or `+server.ts`: call it in each of them.
 */
export function requireStaff(event: Pick<RequestEvent, 'locals' | 'url'>): StaffSession {
	const staff = event.locals.staff;
	if (!staff) redirect(303, signInPathFor(event.url));
	return staff;
}

/** Like `requireStaff`, and refuses facilitators (403): changing the team and the sign-ups is for organizers. */
export function requireOrganizer(event: Pick<RequestEvent, 'locals' | 'url'>): StaffSession {
	const staff = requireStaff(event);
	if (staff.member.role !== 'organizer') error(403, 'Alleen organisatoren mogen dit doen.');
	return staff;
}
