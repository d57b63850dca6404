import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { lockEvent } from '../registrations/seats';
import { addDays, amsterdamToday, formatCalendarDate } from './calendar-date';
import type { InvoiceDelivery } from './delivery';
import type { InvoiceDocument } from './invoice-document';
import { InvoicingRefused } from './invoicing-refused';
import { validationMessage } from './issue-invoices';
import { takeNextNumber } from './numbering';
import { renderInvoicePdf } from './pdf/invoice-pdf';
import { storeIssuedDocument, type IssuedInvoice } from './store-issued';
import { toUblXml } from './ubl/ubl-xml';
import { validateUbl } from './ubl/validate-ubl';

/**
 * Credits an invoice in full with a credit note in its own series. The credit note repeats the
 * invoice's seller, buyer and lines as they were issued (a correction of that document, not of
 * today's data) and names the invoice it credits. A correct amount is then invoiced anew: the
 * registrations covered become ready again if they still owe something.
 */
export async function creditInvoice(
	sql: Sql,
	invoiceId: string,
	reason: string,
	context: { actor: string; delivery: InvoiceDelivery; today?: string }
): Promise<IssuedInvoice> {
	return sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		const [found] = await tx<{ event_id: string }[]>`select event_id from public.invoices where id = ${invoiceId}`;
		if (!found) throw new InvoicingRefused('not-found', 'Deze factuur bestaat niet.');
		// The event's lock first, as issuing takes it: the two never interleave for one event.
		await lockEvent(tx, found.event_id);
		const [invoice] = await tx<
			{ id: string; event_id: string; kind: string; number: string; buyer_key: string; document: InvoiceDocument; credited: boolean }[]
		>`
			select i.id, i.event_id, i.kind, i.number, i.buyer_key, i.document,
				exists (select 1 from public.invoices c where c.credits_invoice_id = i.id) as credited
			from public.invoices i where i.id = ${invoiceId}
			for update
		`;
		if (!invoice) throw new InvoicingRefused('not-found', 'Deze factuur bestaat niet.');
		if (invoice.kind !== 'invoice') throw new InvoicingRefused('not-an-invoice', 'Een creditnota kan niet zelf worden gecrediteerd.');
		if (invoice.credited) throw new InvoicingRefused('already-credited', `Factuur ${invoice.number} is al gecrediteerd.`);

		const covers = await tx<{ registration_id: string; net_cents: string }[]>`
			select registration_id, net_cents from public.invoice_registrations where invoice_id = ${invoiceId}
		`;
		const today = context.today ?? amsterdamToday();
		const original = invoice.document;
		const taken = await takeNextNumber(tx, 'credit-note', today);
		const dueDate = addDays(today, original.paymentTermDays);
		const document: InvoiceDocument = {
			...original,
			kind: 'credit-note',
			number: taken.number,
			issueDate: today,
			dueDate,
			paymentTerms: `Het bedrag van deze creditnota wordt uiterlijk ${formatCalendarDate(dueDate)} teruggestort of verrekend met factuur ${original.number}.`,
			paymentReference: taken.number,
			note: `Creditering van factuur ${original.number} van ${formatCalendarDate(original.issueDate)}. Reden: ${reason}`,
			credits: { number: original.number, issueDate: original.issueDate }
		};
		const ublXml = toUblXml(document);
		const validation = await validateUbl(ublXml, 'credit-note');
		if (!validation.valid) {
			throw new InvoicingRefused('invalid-document', validationMessage(validation, `De creditnota voor factuur ${original.number}`));
		}
		const pdf = await renderInvoicePdf(document);
		const credit = await storeIssuedDocument(tx, {
			eventId: invoice.event_id,
			taken,
			document,
			buyerKey: invoice.buyer_key,
			ublXml,
			pdf,
			validation,
			actor: context.actor,
			covers: covers.map((cover) => ({ registrationId: cover.registration_id, netCents: -Number(cover.net_cents) })),
			creditsInvoiceId: invoice.id
		});
		for (const cover of covers) {
			await recordAudit(tx, {
				actor: context.actor,
				action: 'invoice.credited',
				eventId: invoice.event_id,
				registrationId: cover.registration_id,
				details: { invoice: original.number, creditNote: taken.number, reason }
			});
		}
		await context.delivery.deliver(
			tx,
			{ id: credit.id, document, pdf, ublXml, ...(covers.length === 1 && covers[0] ? { registrationId: covers[0].registration_id } : {}) },
			{ kind: 'invoice' },
			context.actor
		);
		return credit;
	}) as Promise<IssuedInvoice>;
}
