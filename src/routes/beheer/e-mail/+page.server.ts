import { requireOrganizer } from '$lib/server/auth/guard';
import { listOutbox, pageNumberSchema } from '$lib/server/mail/outbox-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const page = pageNumberSchema.parse(event.url.searchParams.get('pagina') ?? 1);
	return {
		...(await listOutbox(event.locals.sql, page)),
		page,
		smtpConfigured: event.locals.config.SMTP_URL !== undefined
	};
};
