import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { orderNumberReminderMail } from '../mail/templates/invoice-mails';
import { personalUrl } from '../registrations/access-token';
import { lockEvent } from '../registrations/seats';
import { addDays, amsterdamToday } from './calendar-date';
import type { InvoiceDelivery } from './delivery';
import type { InvoiceDocument } from './invoice-document';

/** Days after the due date before the first reminder, and between reminders. */
export const FIRST_REMINDER_AFTER_DAYS = 7;
export const REMINDER_INTERVAL_DAYS = 14;
/** Between reminders to supply a purchase order number. */
export const ORDER_NUMBER_REMINDER_INTERVAL_DAYS = 7;

/** The SQL condition of an invoice that is still (partly) unpaid and not credited. */
function unpaidInvoice(tx: Sql) {
	return tx`
		i.kind = 'invoice'
		and not exists (select 1 from public.invoices c where c.credits_invoice_id = i.id)
		and i.gross_cents > coalesce((select sum(p.amount_cents) from public.invoice_payments p where p.invoice_id = i.id), 0)
	`;
}

/** Whether an invoice is due for a reminder on `today`: a week past due, and none in the last two weeks. */
function reminderDue(tx: Sql, today: string) {
	return tx`
		i.due_date <= ${addDays(today, -FIRST_REMINDER_AFTER_DAYS)}::date
		and not exists (
			select 1 from public.invoice_deliveries d
			where d.invoice_id = i.id and d.purpose = 'reminder'
				and d.created_at > (${today}::date - ${REMINDER_INTERVAL_DAYS}::int)
		)
	`;
}

/**
 * Payment reminders for overdue invoices: the first a week after the due date, then every two
 * weeks while something is outstanding. Only a reminder: nothing is ever cancelled for not paying.
 * Also used by the "Herinnering sturen" button for one invoice (`only`). Each invoice is handled
 * in its own transaction that takes the event's lock first (the lock order of every change of an
 * event's money) and checks again that the reminder is still due.
 */
export async function sendPaymentReminders(
	sql: Sql,
	context: { actor: string; delivery: InvoiceDelivery; today?: string; only?: string }
): Promise<number> {
	const today = context.today ?? amsterdamToday();
	const candidates = await sql<{ id: string; event_id: string }[]>`
		select i.id, i.event_id from public.invoices i
		where ${unpaidInvoice(sql)} and ${context.only ? sql`i.id = ${context.only}` : reminderDue(sql, today)}
	`;
	let sent = 0;
	for (const candidate of candidates) {
		const reminded = await sql.begin(async (transaction) => {
			const tx = transaction as unknown as Sql;
			await lockEvent(tx, candidate.event_id);
			const [invoice] = await tx<{ id: string; document: InvoiceDocument; pdf: Uint8Array; ubl_xml: string; outstanding: string }[]>`
				select i.id, i.document, i.pdf, i.ubl_xml,
					(i.gross_cents - coalesce((select sum(p.amount_cents) from public.invoice_payments p where p.invoice_id = i.id), 0))::text as outstanding
				from public.invoices i
				where i.id = ${candidate.id} and ${unpaidInvoice(tx)} and ${context.only ? tx`true` : reminderDue(tx, today)}
			`;
			if (!invoice) return false;
			await context.delivery.deliver(
				tx,
				{ id: invoice.id, document: invoice.document, pdf: new Uint8Array(invoice.pdf), ublXml: invoice.ubl_xml },
				{ kind: 'reminder', outstandingCents: Number(invoice.outstanding) },
				context.actor
			);
			await recordAudit(tx, { actor: context.actor, action: 'invoice.reminder-sent', eventId: candidate.event_id, details: { invoice: invoice.document.number } });
			return true;
		});
		if (reminded) sent += 1;
	}
	return sent;
}

/** The SQL condition of a registration whose order number is to follow and who is due a reminder. */
function orderNumberReminderDue(tx: Sql, now: Date) {
	return tx`
		r.purchase_order_pending and r.status = 'confirmed' and r.anonymised_at is null
		and (r.purchase_order_reminded_at is null
			or r.purchase_order_reminded_at < ${now}::timestamptz - make_interval(days => ${ORDER_NUMBER_REMINDER_INTERVAL_DAYS}))
	`;
}

/**
 * Reminds participants whose organisation's purchase order number is to follow ("ordernummer
 * volgt") that the invoice waits for it, at most once a week, with the link where they fill it in.
 * Each in its own transaction, in the lock order of registrations: event, then registration.
 */
export async function sendOrderNumberReminders(sql: Sql, context: { origin: string; now?: Date }): Promise<number> {
	const now = context.now ?? new Date();
	const candidates = await sql<{ id: string; event_id: string }[]>`
		select r.id, r.event_id from public.registrations r where ${orderNumberReminderDue(sql, now)}
	`;
	let sent = 0;
	for (const candidate of candidates) {
		const reminded = await sql.begin(async (transaction) => {
			const tx = transaction as unknown as Sql;
			await lockEvent(tx, candidate.event_id);
			const [registration] = await tx<{ id: string; name: string; email: string; access_token: string; title: string }[]>`
				select r.id, r.name, r.email, r.access_token, e.title
				from public.registrations r join public.events e on e.id = r.event_id
				where r.id = ${candidate.id} and ${orderNumberReminderDue(tx, now)}
				for update of r
			`;
			if (!registration) return false;
			await enqueueMail(
				tx,
				orderNumberReminderMail({
					registrationId: registration.id,
					name: registration.name,
					email: registration.email,
					eventTitle: registration.title,
					personalUrl: personalUrl(context.origin, registration.access_token)
				})
			);
			await tx`update public.registrations set purchase_order_reminded_at = ${now} where id = ${registration.id}`;
			await recordAudit(tx, { actor: 'systeem', action: 'registration.order-number-reminded', eventId: candidate.event_id, registrationId: registration.id });
			return true;
		});
		if (reminded) sent += 1;
	}
	return sent;
}
