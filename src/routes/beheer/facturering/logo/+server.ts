import { error } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { loadSellerSettings } from '$lib/server/invoicing/seller-settings';
import type { RequestHandler } from './$types';

/** The stored invoice logo, for the preview on the settings page. Organizers only. */
export const GET: RequestHandler = async (event) => {
	requireOrganizer(event);
	const settings = await loadSellerSettings(event.locals.sql);
	if (!settings?.logo) error(404, 'Er is geen logo opgeslagen.');
	return new Response(Buffer.from(settings.logo.bytes), {
		headers: {
			'content-type': settings.logo.contentType,
			'content-length': String(settings.logo.bytes.byteLength),
			// The type was checked by its first bytes on upload; never let a browser guess another.
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
