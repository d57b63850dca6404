import { error } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { exportRegistrationsCsv } from '$lib/server/registrations/export-csv';
import { readRegistrationFilter } from '$lib/server/registrations/queries';
import type { RequestHandler } from './$types';

/** The desk's table, with its filters, as a CSV download for Excel. Organizers only. */
export const GET: RequestHandler = async (event) => {
	const { member } = requireOrganizer(event);
	// A link on another site would still carry the (SameSite=Lax) session cookie; the export
	// writes an audit line in the organizer's name, so only our own pages may start it.
	const site = event.request.headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin' && site !== 'none') {
		error(403, 'Start de export vanaf de aanmeldingenpagina van Ontwerpsessies.');
	}
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const { filename, csv } = await exportRegistrationsCsv(
		event.locals.sql,
		deskEvent,
		readRegistrationFilter(event.url.searchParams),
		member.email
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
