import { error } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { amsterdamToday } from '$lib/server/invoicing/calendar-date';
import { eventInvoices } from '$lib/server/invoicing/invoice-queries';
import { invoiceRegisterCsv } from '$lib/server/invoicing/invoice-register';
import type { RequestHandler } from './$types';

/** Every invoice and credit note of the event as a CSV register for Dutch Excel. Organizers only. */
export const GET: RequestHandler = async (event) => {
	requireOrganizer(event);
	// A link on another site would still carry the (SameSite=Lax) session cookie: only our own pages start a download.
	const site = event.request.headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin' && site !== 'none') {
		error(403, 'Start de download vanaf de pagina Facturen van Ontwerpsessies.');
	}
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const today = amsterdamToday();
	const csv = invoiceRegisterCsv(await eventInvoices(event.locals.sql, deskEvent.id, today));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="factuurregister-${deskEvent.slug}-${today}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
