import { publishedReportOr404, readablePublication } from '$lib/server/reports/publication-request';
import { canvasFileResponse } from '$lib/server/reports/report-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const publication = await readablePublication(event);
	const report = await publishedReportOr404(event.locals.sql, publication, event.params.nummer);
	return canvasFileResponse(report, event.params.bestand, publication.audience, (canvas) => event.locals.reports.canvasPng(canvas));
};
