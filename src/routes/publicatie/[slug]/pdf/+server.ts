import { publicationDocument, readablePublication } from '$lib/server/reports/publication-request';
import { fileSlug, pdfDownload } from '$lib/server/reports/report-files';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const publication = await readablePublication(event);
	const document = await publicationDocument(event.locals.sql, publication);
	if (document.sessions.length === 0) error(404, 'Er is nog geen verslag gepubliceerd, dus ook nog geen publicatie.');
	return pdfDownload(() => event.locals.reports.publicationPdf(document), `publicatie-${fileSlug(publication.event.title)}.pdf`, publication.audience);
};
