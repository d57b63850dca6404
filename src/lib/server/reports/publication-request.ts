import { error, type RequestEvent } from '@sveltejs/kit';
import { eventSlugSchema, sessionNumberSchema } from '$lib/events/schema';
import { publicationOf, type PublicationDocument } from '$lib/reports/publication';
import type { ReportDocument } from '$lib/reports/report-document';
import { findPublicationEvent, readerAccess, type PublicationEvent } from './report-access';
import type { Audience } from './report-files';
import type { Sql } from '../db/database';
import { publishedReport, publishedReports } from './report-store';

const NOT_FOUND = 'Deze publicatie bestaat niet.';
export const PARTICIPANTS_ONLY =
	'Deze publicatie is alleen voor deelnemers. Open de link in de e-mail over het verslag, of ga via je persoonlijke pagina.';

export interface ReadablePublication {
	event: PublicationEvent;
	/** Private answers are never cached by anyone but this reader. */
	audience: Audience;
}

/**
 * An event's publication, when this request may read it; a Dutch 404 for an unknown or draft
 * event, a 403 saying how participants get in for a private publication. Pages and files
 * (`+server.ts`, which no layout guards) each call it, then read the reports they show.
 */
export async function readablePublication(event: Pick<RequestEvent, 'locals' | 'cookies'> & { params: { slug: string } }): Promise<ReadablePublication> {
	const slug = eventSlugSchema.safeParse(event.params.slug);
	const publication = slug.success ? await findPublicationEvent(event.locals.sql, slug.data) : null;
	if (!publication) error(404, NOT_FOUND);
	const access = await readerAccess(event.locals.sql, publication, { isStaff: event.locals.staff !== null, cookies: event.cookies });
	if (!access) error(403, PARTICIPANTS_ONLY);
	return {
		event: publication,
		audience: access === 'public' ? 'public' : 'private'
	};
}

/** The published report of session `nummer`, or a Dutch 404 (also for one that is not published yet). */
export async function publishedReportOr404(sql: Sql, publication: ReadablePublication, nummer: string): Promise<ReportDocument> {
	const position = sessionNumberSchema.safeParse(nummer);
	const report = position.success ? await publishedReport(sql, publication.event.id, position.data) : null;
	if (!report) error(404, 'Het verslag van deze sessie is (nog) niet gepubliceerd.');
	return report;
}

/** Everything published for the event, brought together per theme. */
export async function publicationDocument(sql: Sql, publication: ReadablePublication): Promise<PublicationDocument> {
	const { slug, title, id } = publication.event;
	return publicationOf({ slug, title }, await publishedReports(sql, id));
}
