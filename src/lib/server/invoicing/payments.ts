import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { lockEvent } from '../registrations/seats';
import { amsterdamToday, formatCalendarDate } from './calendar-date';
import { InvoicingRefused } from './invoicing-refused';
import { outstandingCents } from './invoice-status';
import { formatEuro } from '$lib/format/nl';

export interface PaymentInput {
	paidOn: string;
	amountCents: number;
	note: string | null;
}

/**
 * Records money received against an invoice; a partial payment leaves the rest outstanding.
 * Under the invoice's row lock, so two organizers booking the same transfer at once cannot
 * together exceed what was owed.
 */
export async function recordPayment(
	sql: Sql,
	invoiceId: string,
	payment: PaymentInput,
	/** `requestId`: the payment form's own id, so the same form sent twice books once. */
	context: { actor: string; today?: string; requestId?: string }
): Promise<'recorded' | 'already-recorded'> {
	return sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		// The event's lock first, as every other change of the event's money and places takes it:
		// locking the invoice first would deadlock with a credit note for the same invoice.
		const [found] = await tx<{ event_id: string }[]>`select event_id from public.invoices where id = ${invoiceId}`;
		if (!found || !(await lockEvent(tx, found.event_id))) throw new InvoicingRefused('not-found', 'Deze factuur bestaat niet.');
		const [invoice] = await tx<{ id: string; event_id: string; kind: 'invoice' | 'credit-note'; number: string; issue_date: string; gross_cents: string; credited: boolean }[]>`
			select i.id, i.event_id, i.kind, i.number, to_char(i.issue_date, 'YYYY-MM-DD') as issue_date, i.gross_cents::text,
				exists (select 1 from public.invoices c where c.credits_invoice_id = i.id) as credited
			from public.invoices i where i.id = ${invoiceId}
			for update
		`;
		if (!invoice) throw new InvoicingRefused('not-found', 'Deze factuur bestaat niet.');
		if (invoice.kind !== 'invoice') throw new InvoicingRefused('not-an-invoice', 'Op een creditnota wordt geen betaling geboekt.');
		if (invoice.credited) throw new InvoicingRefused('already-credited', `Factuur ${invoice.number} is gecrediteerd; er staat niets meer open.`);
		if (context.requestId) {
			const [seen] = await tx`select 1 from public.invoice_payments where request_id = ${context.requestId}`;
			if (seen) return 'already-recorded' as const;
		}
		const today = context.today ?? amsterdamToday();
		if (payment.paidOn > today) throw new InvoicingRefused('payment-date', 'De betaaldatum ligt in de toekomst. Vul de datum in waarop het geld binnenkwam.', 'betaaldatum');
		if (payment.paidOn < invoice.issue_date) {
			throw new InvoicingRefused(
				'payment-date',
				`De betaaldatum ligt vóór de factuurdatum (${formatCalendarDate(invoice.issue_date)}). Vul de datum in waarop het geld binnenkwam.`,
				'betaaldatum'
			);
		}
		const [paid] = await tx<{ total: string }[]>`
			select coalesce(sum(amount_cents), 0)::text as total from public.invoice_payments where invoice_id = ${invoiceId}
		`;
		const open = outstandingCents({ kind: 'invoice', grossCents: Number(invoice.gross_cents), paidCents: Number(paid?.total ?? 0), credited: false });
		if (payment.amountCents > open) {
			throw new InvoicingRefused(
				'payment-too-large',
				open === 0
					? `Factuur ${invoice.number} is al volledig betaald.`
					: `Er staat nog ${formatEuro(open)} open op factuur ${invoice.number}; een hoger bedrag kan niet worden geboekt.`,
				'bedrag'
			);
		}
		await tx`
			insert into public.invoice_payments (invoice_id, paid_on, amount_cents, note, recorded_by, request_id)
			values (${invoiceId}, ${payment.paidOn}, ${payment.amountCents}, ${payment.note}, ${context.actor}, ${context.requestId ?? null})
		`;
		await recordAudit(tx, {
			actor: context.actor,
			action: 'invoice.payment-recorded',
			eventId: invoice.event_id,
			details: { invoice: invoice.number, amountCents: payment.amountCents, paidOn: payment.paidOn }
		});
		return 'recorded' as const;
	}) as Promise<'recorded' | 'already-recorded'>;
}
