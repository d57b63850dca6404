import { organizerDraft } from '$lib/server/reports/draft-request';
import { fileSlug, pdfResponse } from '$lib/server/reports/report-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { report } = await organizerDraft(event);
	const pdf = await event.locals.reports.reportPdf(report);
	return pdfResponse(pdf, `concept-verslag-${fileSlug(report.session.title)}.pdf`, 'private');
};
