import { forReaders } from '$lib/reports/report-document';
import { publishedReportOr404, readablePublication } from '$lib/server/reports/publication-request';
import { cacheControl } from '$lib/server/reports/report-files';
import type { PageServerLoad } from './$types';

/** One session's published report. */
export const load: PageServerLoad = async (event) => {
	const publication = await readablePublication(event);
	event.setHeaders({ 'cache-control': cacheControl(publication.audience) });
	return { report: forReaders(await publishedReportOr404(event.locals.sql, publication, event.params.nummer)) };
};
