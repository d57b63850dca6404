import { requireOrganizer } from '$lib/server/auth/guard';
import { listBuyers } from '$lib/server/invoicing/buyer-profiles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	return { buyers: await listBuyers(event.locals.sql) };
};
