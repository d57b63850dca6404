import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { emailDelivery, type InvoiceDelivery } from './delivery';
import type { InvoiceDocument } from './invoice-document';
import { InvoicingRefused } from './invoicing-refused';

/**
 * Sends an issued invoice or credit note once more, exactly as it was issued (the stored PDF and
 * UBL file, never a fresh rendering): for a buyer who lost the mail or whose accounts-payable
 * address bounced. A new delivery line is recorded, so the invoice's page shows every sending.
 * Returns the address it went to.
 */
export async function resendInvoice(
	sql: Sql,
	eventId: string,
	number: string,
	actor: string,
	delivery: InvoiceDelivery = emailDelivery
): Promise<{ number: string; kind: InvoiceDocument['kind']; recipient: string }> {
	return sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		const [invoice] = await tx<{ id: string; document: InvoiceDocument; pdf: Uint8Array; ubl_xml: string; registration_ids: string[] }[]>`
			select i.id, i.document, i.pdf, i.ubl_xml,
				coalesce((select array_agg(ir.registration_id) from public.invoice_registrations ir where ir.invoice_id = i.id), '{}') as registration_ids
			from public.invoices i
			where i.event_id = ${eventId} and i.number = ${number}
		`;
		if (!invoice) throw new InvoicingRefused('not-found', 'Deze factuur bestaat niet.');
		const only = invoice.registration_ids.length === 1 ? invoice.registration_ids[0] : undefined;
		await delivery.deliver(
			tx,
			{ id: invoice.id, document: invoice.document, pdf: new Uint8Array(invoice.pdf), ublXml: invoice.ubl_xml, ...(only ? { registrationId: only } : {}) },
			{ kind: 'invoice' },
			actor
		);
		await recordAudit(tx, { actor, action: 'invoice.resent', eventId, details: { invoice: number, to: invoice.document.buyer.email } });
		return { number, kind: invoice.document.kind, recipient: invoice.document.buyer.email };
	}) as Promise<{ number: string; kind: InvoiceDocument['kind']; recipient: string }>;
}
