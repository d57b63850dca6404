import { forReaders } from '$lib/reports/report-document';
import { organizerDraft } from '$lib/server/reports/draft-request';
import type { PageServerLoad } from './$types';

/** The report as publishing would freeze it now, for the organizer to read first. */
export const load: PageServerLoad = async (event) => {
	const draft = await organizerDraft(event);
	return { report: forReaders(draft.report) };
};
