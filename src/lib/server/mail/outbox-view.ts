import { z } from 'zod';
import type { Sql } from '../db/database';

/**
 * The outbox as organizers read it on `/beheer/e-mail`. In the embedded demo there is no mail
 * server, and this is where the mails can be read. Bodies are returned as text only: the HTML
 * version carries user input (names, organisations) and is never shown as HTML here.
 */

export const OUTBOX_PAGE_SIZE = 50;

/** `?pagina=` from the URL: a page number from 1; anything else is page 1. */
export const pageNumberSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export interface OutboxListItem {
	id: number;
	kind: string;
	recipient: string;
	subject: string;
	status: string;
	attempts: number;
	lastError: string | null;
	createdAt: Date;
	sentAt: Date | null;
}

/** One page of the outbox, newest first. */
export async function listOutbox(sql: Sql, page: number): Promise<{ mails: OutboxListItem[]; total: number; pageCount: number }> {
	const [{ total } = { total: 0 }] = await sql<{ total: number }[]>`select count(*)::int as total from public.outbox`;
	const rows = await sql<(Omit<OutboxListItem, 'id'> & { id: string })[]>`
		select id, kind, recipient, subject, status, attempts, last_error as "lastError",
			created_at as "createdAt", sent_at as "sentAt"
		from public.outbox
		order by id desc
		limit ${OUTBOX_PAGE_SIZE} offset ${(page - 1) * OUTBOX_PAGE_SIZE}
	`;
	return {
		// bigint arrives as a string from postgres.js.
		mails: rows.map((row) => ({ ...row, id: Number(row.id) })),
		total,
		pageCount: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE))
	};
}

export interface OutboxMessage extends OutboxListItem {
	text: string;
	attachments: { filename: string; contentType: string }[];
	registration: { id: string; eventSlug: string; name: string } | null;
}

const attachmentSchema = z.object({ filename: z.string(), contentType: z.string().catch('') });

/** One mail with its text body and the names of its attachments, or null. */
export async function findOutboxMessage(sql: Sql, id: number): Promise<OutboxMessage | null> {
	if (!Number.isSafeInteger(id) || id < 1) return null;
	const [row] = await sql<
		(Omit<OutboxListItem, 'id'> & {
			id: string;
			text: string;
			attachments: unknown[];
			registrationId: string | null;
			eventSlug: string | null;
			registrationName: string | null;
		})[]
	>`
		select o.id, o.kind, o.recipient, o.subject, o.status, o.attempts, o.last_error as "lastError",
			o.created_at as "createdAt", o.sent_at as "sentAt", o.text_body as text, o.attachments,
			o.registration_id as "registrationId", e.slug as "eventSlug", r.name as "registrationName"
		from public.outbox o
		left join public.registrations r on r.id = o.registration_id
		left join public.events e on e.id = r.event_id
		where o.id = ${id}
	`;
	if (!row) return null;
	row.text = readableBody(row.kind, row.text);
	const { registrationId, eventSlug, registrationName, attachments, ...mail } = row;
	return {
		...mail,
		id: Number(mail.id),
		attachments: attachments.flatMap((attachment) => {
			const parsed = attachmentSchema.safeParse(attachment);
			return parsed.success ? [parsed.data] : [];
		}),
		registration:
			registrationId && eventSlug && registrationName !== null ? { id: registrationId, eventSlug, name: registrationName } : null
	};
}

/**
 * What an organizer may read of a mail. Sign-in codes are never shown (anyone can ask a code for
 * a colleague's address and read it here), and a participant's personal link opens their
 * registration as them: both are for the recipient only.
 */
export function readableBody(kind: string, text: string): string {
	if (kind === 'staff-sign-in-code') return 'Deze e-mail bevat een inlogcode. Die is alleen voor de ontvanger en wordt hier niet getoond.';
	return text.replace(/\/aanmelding\/[A-Za-z0-9_-]{43}/g, '/aanmelding/[persoonlijke link, alleen voor de deelnemer]');
}
