import { organizerDraft } from '$lib/server/reports/draft-request';
import { canvasFileResponse } from '$lib/server/reports/report-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { report } = await organizerDraft(event);
	return canvasFileResponse(report, event.params.bestand, 'private', (canvas) => event.locals.reports.canvasPng(canvas));
};
