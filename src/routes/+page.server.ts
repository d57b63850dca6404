import type { PageServerLoad } from './$types';
import { findPublishedProgramme } from '$lib/server/events/programme';

export const load: PageServerLoad = async ({ locals }) => {
	return { programme: await findPublishedProgramme(locals.sql) };
};
