import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { isCalendarDate } from '$lib/server/invoicing/calendar-date';
import { ublArchive } from '$lib/server/invoicing/invoice-register';
import type { RequestHandler } from './$types';

const day = (label: string) =>
	z
		.string({ error: `Kies de ${label} van de periode.` })
		.min(1, `Kies de ${label} van de periode.`)
		.refine(isCalendarDate, `De ${label} van de periode is geen bestaande datum. Kies een datum in de kalender.`);

const periodSchema = z
	.object({ van: day('begindatum'), tot: day('einddatum') })
	.refine((period) => period.van <= period.tot, 'De begindatum ligt na de einddatum. Kies eerst de vroegste datum.');

/** The UBL files of the invoices and credit notes issued in a period (both days included), as one zip. Organizers only. */
export const GET: RequestHandler = async (event) => {
	requireOrganizer(event);
	const site = event.request.headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin' && site !== 'none') {
		error(403, 'Start de download vanaf de pagina Facturen van Ontwerpsessies.');
	}
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const query = event.url.searchParams;
	const period = periodSchema.safeParse({ van: query.get('van') ?? undefined, tot: query.get('tot') ?? undefined });
	if (!period.success) {
		const message = period.error.issues[0]?.message ?? 'Kies een begin- en einddatum.';
		error(400, `${message} Ga terug naar de pagina Facturen en probeer het opnieuw.`);
	}
	const { van, tot } = period.data;
	const { zip, count } = await ublArchive(event.locals.sql, deskEvent.id, { from: van, to: tot });
	if (count === 0) {
		error(404, "Er zijn in deze periode geen facturen of creditnota's uitgegeven.");
	}
	return new Response(Buffer.from(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="e-facturen-${deskEvent.slug}-${van}-tot-${tot}.zip"`,
			'cache-control': 'private, no-store'
		}
	});
};
