import { requireStaff, SIGN_IN_PATH } from '$lib/server/auth/guard';
import { csrfFor } from '$lib/server/http/csrf';
import type { LayoutServerLoad } from './$types';

/** Every desk page needs a signed-in staff member, except the sign-in page itself. */
export const load: LayoutServerLoad = (event) => {
	// Lists of people and their organisations: never kept by a browser cache or a proxy.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const staff = event.url.pathname === SIGN_IN_PATH ? event.locals.staff : requireStaff(event);
	return {
		staff: staff ? { email: staff.member.email, name: staff.member.name, role: staff.member.role } : null,
		csrf: csrfFor(event)
	};
};
