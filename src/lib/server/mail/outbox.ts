import type { Sql } from '../db/database';

/** A file sent along with a mail (an .ics calendar, later an invoice PDF or UBL). */
export interface MailAttachment {
	filename: string;
	contentType: string;
	/** Text content as is, binary content as base64 (`encoding: 'base64'`). */
	content: string;
	encoding?: 'base64';
}

/** One e-mail as the app means it; the worker turns it into SMTP. */
export interface MailMessage {
	/** What the mail is for, e.g. `registration-confirmed`: for the outbox view and tests. */
	kind: string;
	to: string;
	subject: string;
	text: string;
	html?: string;
	attachments?: MailAttachment[];
	/** The registration the mail is about, so its history shows it. */
	registrationId?: string;
}

/**
 * Puts a mail in the outbox. Call it with the transaction that makes the change the mail tells
 * about: both commit or neither does, so no confirmation goes out for a sign-up that was rolled
 * back and none is lost for one that was stored. The worker is woken through NOTIFY (which
 * PostgreSQL delivers only on commit).
 */
export async function enqueueMail(tx: Sql, message: MailMessage): Promise<number> {
	const [row] = await tx<{ id: number }[]>`
		insert into public.outbox (kind, recipient, subject, text_body, html_body, attachments, registration_id)
		values (
			${message.kind}, ${message.to}, ${message.subject}, ${message.text}, ${message.html ?? null},
			${tx.json((message.attachments ?? []) as unknown as Parameters<Sql['json']>[0])}, ${message.registrationId ?? null}
		)
		returning id
	`;
	if (!row) throw new Error('the outbox returned no id for the inserted mail');
	await tx`select pg_notify(${OUTBOX_CHANNEL}, ${String(row.id)})`;
	return Number(row.id);
}

/** The NOTIFY channel the mail worker listens on. */
export const OUTBOX_CHANNEL = 'ontwerpsessies_outbox';
