import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { eventSlugSchema } from '$lib/events/schema';
import { findPublishedProgramme } from '$lib/server/events/programme';
import { publicPublicationHref } from '$lib/server/reports/report-store';

export const load: PageServerLoad = async ({ locals, params }) => {
	const slug = eventSlugSchema.safeParse(params.slug);
	const programme = slug.success ? await findPublishedProgramme(locals.sql, slug.data) : null;
	if (!programme) error(404, 'Dit programma bestaat niet, of is (nog) niet gepubliceerd.');
	return { programme, publicationHref: await publicPublicationHref(locals.sql, programme) };
};
