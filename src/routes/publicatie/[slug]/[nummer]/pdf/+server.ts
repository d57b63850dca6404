import { publishedReportOr404, readablePublication } from '$lib/server/reports/publication-request';
import { fileSlug, pdfDownload } from '$lib/server/reports/report-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const publication = await readablePublication(event);
	const report = await publishedReportOr404(event.locals.sql, publication, event.params.nummer);
	return pdfDownload(() => event.locals.reports.reportPdf(report), `verslag-${fileSlug(report.session.title)}.pdf`, publication.audience);
};
