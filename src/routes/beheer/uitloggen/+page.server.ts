import { redirect } from '@sveltejs/kit';
import { SIGN_IN_PATH } from '$lib/server/auth/guard';
import { clearStaffSessionCookie, endStaffSession } from '$lib/server/auth/staff-sessions';
import { assertCsrf } from '$lib/server/http/csrf';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes something, so it is a POST (a link or a prefetch must not sign anyone out).
export const load: PageServerLoad = () => redirect(303, '/beheer');

export const actions: Actions = {
	default: async (event) => {
		// Already signed out (or the session expired): nothing to end, and no token to check against.
		if (!event.locals.staff) redirect(303, SIGN_IN_PATH);
		const form = await event.request.formData();
		assertCsrf(event, form);
		await endStaffSession(event.locals.sql, event.locals.staff.sessionId);
		clearStaffSessionCookie(event.cookies, event.url.protocol === 'https:');
		redirect(303, SIGN_IN_PATH);
	}
};
