import { error } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findOutboxMessage } from '$lib/server/mail/outbox-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const id = /^\d{1,15}$/.test(event.params.id) ? Number(event.params.id) : 0;
	const message = await findOutboxMessage(event.locals.sql, id);
	if (!message) error(404, 'Deze e-mail bestaat niet.');
	return { message, smtpConfigured: event.locals.config.SMTP_URL !== undefined };
};
