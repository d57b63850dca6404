import { error } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { INVOICE_NUMBER, invoiceDownload } from '$lib/server/invoicing/invoice-download';
import { invoiceFile } from '$lib/server/invoicing/invoice-queries';
import type { RequestHandler } from './$types';

/** `factuur.pdf` or `factuur.xml`: the invoice or credit note exactly as issued and sent. Organizers only. */
export const GET: RequestHandler = async (event) => {
	requireOrganizer(event);
	const format = event.params.bestand === 'factuur.pdf' ? 'pdf' : event.params.bestand === 'factuur.xml' ? 'xml' : null;
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const file =
		format && INVOICE_NUMBER.test(event.params.nummer)
			? await invoiceFile(event.locals.sql, { eventId: deskEvent.id, number: event.params.nummer }, format)
			: null;
	if (!file || !format) error(404, 'Deze factuur bestaat niet.');
	return invoiceDownload(file, format);
};
