import { publicationForReaders } from '$lib/reports/publication';
import { publicationDocument, readablePublication } from '$lib/server/reports/publication-request';
import { cacheControl } from '$lib/server/reports/report-files';
import type { PageServerLoad } from './$types';

/** The programme's publication: the published reports brought together per theme. */
export const load: PageServerLoad = async (event) => {
	const publication = await readablePublication(event);
	event.setHeaders({ 'cache-control': cacheControl(publication.audience) });
	return {
		publication: publicationForReaders(await publicationDocument(event.locals.sql, publication)),
		visibility: publication.event.visibility
	};
};
