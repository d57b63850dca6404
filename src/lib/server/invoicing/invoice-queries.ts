import type { Sql } from '../db/database';
import { daysBetween } from './calendar-date';
import type { InvoiceDocument } from './invoice-document';
import { ageingBucket, invoiceStatus, outstandingCents, type AgeingBucket, type InvoiceStatus } from './invoice-status';
import type { UblValidation } from './ubl/validate-ubl';

/** One invoice or credit note in a list, with its money and status. */
export interface InvoiceListItem {
	id: string;
	number: string;
	kind: 'invoice' | 'credit-note';
	issueDate: string;
	dueDate: string;
	buyerName: string;
	buyerKey: string;
	netCents: number;
	vatCents: number;
	grossCents: number;
	paidCents: number;
	outstandingCents: number;
	credited: boolean;
	/** For an invoice: its credit note; for a credit note: the invoice it credits. */
	relatedNumber: string | null;
	status: InvoiceStatus;
	daysOverdue: number;
	lastReminderAt: Date | null;
	/** How many registrations the invoice covers (more than one: an invoice per organisation). */
	registrationCount: number;
}

type ListRow = {
	id: string;
	number: string;
	kind: 'invoice' | 'credit-note';
	issue_date: string;
	due_date: string;
	buyer_name: string;
	buyer_key: string;
	net_cents: string;
	vat_cents: string;
	gross_cents: string;
	paid_cents: string;
	related_number: string | null;
	credited: boolean;
	last_reminder_at: Date | null;
	registration_count: number;
};

function listSelect(sql: Sql) {
	return sql`
		select i.id, i.number, i.kind, to_char(i.issue_date, 'YYYY-MM-DD') as issue_date,
			to_char(i.due_date, 'YYYY-MM-DD') as due_date, i.buyer_name, i.buyer_key,
			i.net_cents::text, i.vat_cents::text, i.gross_cents::text,
			coalesce((select sum(p.amount_cents) from public.invoice_payments p where p.invoice_id = i.id), 0)::text as paid_cents,
			coalesce(credit.number, original.number) as related_number,
			(credit.id is not null) as credited,
			(select max(d.created_at) from public.invoice_deliveries d where d.invoice_id = i.id and d.purpose = 'reminder') as last_reminder_at,
			(select count(*)::int from public.invoice_registrations ir where ir.invoice_id = i.id) as registration_count
		from public.invoices i
		left join public.invoices credit on credit.credits_invoice_id = i.id
		left join public.invoices original on original.id = i.credits_invoice_id
	`;
}

function toItem(row: ListRow, today: string): InvoiceListItem {
	const money = {
		kind: row.kind,
		grossCents: Number(row.gross_cents),
		paidCents: Number(row.paid_cents),
		credited: row.credited,
		dueDate: row.due_date
	};
	return {
		id: row.id,
		number: row.number,
		kind: row.kind,
		issueDate: row.issue_date,
		dueDate: row.due_date,
		buyerName: row.buyer_name,
		buyerKey: row.buyer_key,
		netCents: Number(row.net_cents),
		vatCents: Number(row.vat_cents),
		grossCents: money.grossCents,
		paidCents: money.paidCents,
		outstandingCents: outstandingCents(money),
		credited: row.credited,
		relatedNumber: row.related_number,
		status: invoiceStatus(money, today),
		daysOverdue: Math.max(0, daysBetween(row.due_date, today)),
		lastReminderAt: row.last_reminder_at,
		registrationCount: row.registration_count
	};
}

/** Every invoice and credit note of an event, newest number first; optionally of a period of issue. */
export async function eventInvoices(sql: Sql, eventId: string, today: string, period?: { from: string; to: string }): Promise<InvoiceListItem[]> {
	const rows = await sql<ListRow[]>`
		${listSelect(sql)}
		where i.event_id = ${eventId}
			${period ? sql`and i.issue_date between ${period.from} and ${period.to}` : sql``}
		order by i.issue_date desc, i.number desc
	`;
	return rows.map((row) => toItem(row, today));
}

/** The invoices that cover one registration (with their credit notes). */
export async function registrationInvoices(sql: Sql, registrationId: string, today: string): Promise<InvoiceListItem[]> {
	const rows = await sql<ListRow[]>`
		${listSelect(sql)}
		where i.id in (select invoice_id from public.invoice_registrations where registration_id = ${registrationId})
		order by i.issue_date, i.number
	`;
	return rows.map((row) => toItem(row, today));
}

/** The money of an event at a glance: invoiced, paid, outstanding, and outstanding by age. */
export interface InvoiceTotalsOverview {
	invoicedCents: number;
	creditedCents: number;
	paidCents: number;
	outstandingCents: number;
	ageing: Record<AgeingBucket, number>;
	counts: Record<InvoiceStatus, number>;
}

export function summariseInvoices(items: InvoiceListItem[]): InvoiceTotalsOverview {
	const ageing: Record<AgeingBucket, number> = { 'not-due': 0, '1-30': 0, '31-60': 0, '61-90': 0, 'over-90': 0 };
	const counts: Record<InvoiceStatus, number> = { open: 0, paid: 0, overdue: 0, credited: 0, 'credit-note': 0 };
	let invoiced = 0;
	let credited = 0;
	let paid = 0;
	let outstanding = 0;
	for (const item of items) {
		counts[item.status] += 1;
		if (item.kind === 'credit-note') {
			credited += item.grossCents;
			continue;
		}
		invoiced += item.grossCents;
		paid += item.paidCents;
		outstanding += item.outstandingCents;
		if (item.outstandingCents > 0) ageing[ageingBucket(item.daysOverdue)] += item.outstandingCents;
	}
	return { invoicedCents: invoiced, creditedCents: credited, paidCents: paid, outstandingCents: outstanding, ageing, counts };
}

export interface InvoicePayment {
	id: string;
	paidOn: string;
	amountCents: number;
	note: string | null;
	recordedBy: string;
}

export interface InvoiceDelivered {
	purpose: 'invoice' | 'reminder';
	channel: 'email' | 'peppol';
	recipient: string;
	at: Date;
	mailStatus: 'pending' | 'sent' | 'failed' | null;
}

export interface InvoiceDetail extends InvoiceListItem {
	eventId: string;
	document: InvoiceDocument;
	validation: UblValidation;
	issuedBy: string;
	payments: InvoicePayment[];
	deliveries: InvoiceDelivered[];
	registrationIds: string[];
}

/** One invoice of an event by its number, with everything its page shows. */
export async function invoiceDetail(sql: Sql, eventId: string, number: string, today: string): Promise<InvoiceDetail | null> {
	const rows = await sql<(ListRow & { event_id: string; document: InvoiceDocument; validation: UblValidation; issued_by: string })[]>`
		select list.*, i.event_id, i.document, i.validation, i.issued_by
		from (${listSelect(sql)} where i.event_id = ${eventId} and i.number = ${number}) list
		join public.invoices i on i.id = list.id
	`;
	const found = rows[0];
	if (!found) return null;
	const payments = await sql<InvoicePayment[]>`
		select id, to_char(paid_on, 'YYYY-MM-DD') as "paidOn", amount_cents::int as "amountCents", note, recorded_by as "recordedBy"
		from public.invoice_payments where invoice_id = ${found.id} order by paid_on, created_at
	`;
	const deliveries = await sql<InvoiceDelivered[]>`
		select d.purpose, d.channel, d.recipient, d.created_at as at, o.status as "mailStatus"
		from public.invoice_deliveries d left join public.outbox o on o.id = d.outbox_id
		where d.invoice_id = ${found.id} order by d.created_at
	`;
	const covers = await sql<{ registration_id: string }[]>`
		select registration_id from public.invoice_registrations where invoice_id = ${found.id}
	`;
	return {
		...toItem(found, today),
		eventId: found.event_id,
		document: found.document,
		validation: found.validation,
		issuedBy: found.issued_by,
		payments,
		deliveries,
		registrationIds: covers.map((cover) => cover.registration_id)
	};
}

/** The stored PDF or UBL file of an invoice, exactly as issued. */
export async function invoiceFile(
	sql: Sql,
	where: { eventId: string; number: string } | { registrationId: string; number: string },
	format: 'pdf' | 'xml'
): Promise<{ number: string; kind: 'invoice' | 'credit-note'; body: Uint8Array | string } | null> {
	const condition =
		'eventId' in where
			? sql`i.event_id = ${where.eventId}`
			: // Through a personal link only documents about this registration alone: an invoice per
				// organisation names colleagues, who may not want to be on anyone's list.
				sql`i.id in (select invoice_id from public.invoice_registrations where registration_id = ${where.registrationId})
					and (select count(*) from public.invoice_registrations ir where ir.invoice_id = i.id) = 1`;
	const [row] = await sql<{ number: string; kind: 'invoice' | 'credit-note'; pdf: Uint8Array | null; ubl_xml: string | null }[]>`
		select i.number, i.kind,
			${format === 'pdf' ? sql`i.pdf` : sql`null::bytea`} as pdf,
			${format === 'xml' ? sql`i.ubl_xml` : sql`null::text`} as ubl_xml
		from public.invoices i
		where i.number = ${where.number} and ${condition}
	`;
	if (!row) return null;
	return { number: row.number, kind: row.kind, body: format === 'pdf' ? new Uint8Array(row.pdf ?? new Uint8Array()) : (row.ubl_xml ?? '') };
}
