import { publishedReportOr404, readablePublication } from '$lib/server/reports/publication-request';
import { fileSlug, pdfResponse } from '$lib/server/reports/report-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const publication = await readablePublication(event);
	const report = publishedReportOr404(publication, event.params.nummer);
	const pdf = await event.locals.reports.reportPdf(report);
	return pdfResponse(pdf, `verslag-${fileSlug(report.session.title)}.pdf`, publication.audience);
};
