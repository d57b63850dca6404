import { error } from '@sveltejs/kit';
import { eventSlugSchema } from '$lib/events/schema';
import { findPublishedProgramme } from '$lib/server/events/programme';
import { renderQuotePdf } from '$lib/server/invoicing/pdf/quote-pdf';
import { quoteFromQuery } from '$lib/server/invoicing/quote-request';
import type { RequestHandler } from './$types';

/** The quote as a PDF, from the same query string as the quote page. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const slug = eventSlugSchema.safeParse(params.slug);
	const programme = slug.success ? await findPublishedProgramme(locals.sql, slug.data) : null;
	if (!programme) error(404, 'Dit programma bestaat niet, of is (nog) niet gepubliceerd.');
	const outcome = await quoteFromQuery(locals.sql, programme, url.searchParams);
	if (outcome.kind === 'unavailable') error(404, 'Voor dit programma kan nog geen offerte worden gemaakt. Neem contact op met de organisatie.');
	if (outcome.kind === 'invalid') error(400, `De offerte kan zo niet worden gemaakt: ${Object.values(outcome.errors).join(' ')}`);
	const pdf = await renderQuotePdf(outcome.quote);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="offerte-${outcome.quote.reference}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
