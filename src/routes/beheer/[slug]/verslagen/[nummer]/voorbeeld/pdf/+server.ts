import { organizerDraft } from '$lib/server/reports/draft-request';
import { fileSlug, pdfDownload } from '$lib/server/reports/report-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { report } = await organizerDraft(event);
	return pdfDownload(() => event.locals.reports.reportPdf(report, { keep: false }), `concept-verslag-${fileSlug(report.session.title)}.pdf`, 'private');
};
