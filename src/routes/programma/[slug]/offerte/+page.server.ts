import { error } from '@sveltejs/kit';
import { eventSlugSchema } from '$lib/events/schema';
import { findPublishedProgramme } from '$lib/server/events/programme';
import { quoteFromQuery } from '$lib/server/invoicing/quote-request';
import { listCurrentOrganisations } from '$lib/server/registrations/organisations';
import type { PageServerLoad } from './$types';

/** "Offerte aanvragen": pick an organisation and a number of participants, see the amounts, download the PDF. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const slug = eventSlugSchema.safeParse(params.slug);
	const programme = slug.success ? await findPublishedProgramme(locals.sql, slug.data) : null;
	if (!programme) error(404, 'Dit programma bestaat niet, of is (nog) niet gepubliceerd.');
	const asked = url.searchParams.has('organisatie') || url.searchParams.has('deelnemers');
	const outcome = asked ? await quoteFromQuery(locals.sql, programme, url.searchParams) : null;
	const organisations = await listCurrentOrganisations(locals.sql);
	return {
		programme: { slug: programme.slug, title: programme.title, contactEmail: programme.contactEmail },
		organisations: organisations.map((organisation) => organisation.label),
		outcome,
		query: url.search
	};
};
