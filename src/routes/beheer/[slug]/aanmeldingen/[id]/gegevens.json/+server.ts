import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/format/nl';
import { requireOrganizer } from '$lib/server/auth/guard';
import { assertCsrf } from '$lib/server/http/csrf';
import { exportPersonalData } from '$lib/server/registrations/privacy';
import { findRegistration } from '$lib/server/registrations/queries';
import type { RequestHandler } from './$types';

/**
 * "Gegevens exporteren" (right of access, AVG): everything stored about this person as a JSON
 * download. A POST with a CSRF token, because it writes an audit line — who took the data out.
 */
export const POST: RequestHandler = async (event) => {
	const { member } = requireOrganizer(event);
	assertCsrf(event, await event.request.formData());
	const id = z.uuid().safeParse(event.params.id);
	const registration = id.success ? await findRegistration(event.locals.sql, id.data) : null;
	if (!id.success || !registration || registration.eventSlug !== event.params.slug) error(404, 'Deze aanmelding bestaat niet (meer).');
	const data = await exportPersonalData(event.locals.sql, id.data, { actor: member.email });
	if (!data) error(404, 'Deze aanmelding bestaat niet (meer).');
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="gegevens-aanmelding-${id.data}-${isoDate(new Date())}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
