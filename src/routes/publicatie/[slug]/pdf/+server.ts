import { publicationOf } from '$lib/reports/publication';
import { readablePublication } from '$lib/server/reports/publication-request';
import { fileSlug, pdfDownload } from '$lib/server/reports/report-files';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const publication = await readablePublication(event);
	if (publication.reports.length === 0) error(404, 'Er is nog geen verslag gepubliceerd, dus ook nog geen publicatie.');
	const document = publicationOf({ slug: publication.event.slug, title: publication.event.title }, publication.reports);
	return pdfDownload(() => event.locals.reports.publicationPdf(document), `publicatie-${fileSlug(publication.event.title)}.pdf`, publication.audience);
};
