import type { PageServerLoad } from './$types';
import { findPublishedProgramme } from '$lib/server/events/programme';
import { publicPublicationHref } from '$lib/server/reports/report-store';

export const load: PageServerLoad = async ({ locals }) => {
	const programme = await findPublishedProgramme(locals.sql);
	return { programme, publicationHref: programme ? await publicPublicationHref(locals.sql, programme) : null };
};
