import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { invoiceMail, paymentReminderMail } from '../mail/templates/invoice-mails';
import type { InvoiceDocument } from './invoice-document';

/** An issued invoice or credit note with its files, as delivery needs it. */
export interface IssuedFiles {
	id: string;
	document: InvoiceDocument;
	pdf: Uint8Array;
	ublXml: string;
	/** Set when the invoice covers one registration, so the mail shows in its history. */
	registrationId?: string;
}

export type DeliveryPurpose = { kind: 'invoice' } | { kind: 'reminder'; outstandingCents: number };

/**
 * How an invoice reaches the buyer. Today: e-mail to the billing address through the outbox,
 * with the PDF and UBL attached. A Peppol access point would be a second implementation that
 * hands `ublXml` to the access point for `document.buyer.peppolId` (see the README); callers
 * only ever see this interface. Runs inside the caller's transaction, so a delivery is recorded
 * exactly when the invoice is.
 */
export interface InvoiceDelivery {
	readonly channel: 'email' | 'peppol';
	deliver(tx: Sql, invoice: IssuedFiles, purpose: DeliveryPurpose, actor: string): Promise<void>;
}

export const emailDelivery: InvoiceDelivery = {
	channel: 'email',
	async deliver(tx, invoice, purpose, actor) {
		const files = { pdf: invoice.pdf, ublXml: invoice.ublXml };
		const mail =
			purpose.kind === 'invoice'
				? invoiceMail(invoice.document, files, invoice.registrationId)
				: paymentReminderMail(invoice.document, files, purpose.outstandingCents);
		const outboxId = await enqueueMail(tx, mail);
		await tx`
			insert into public.invoice_deliveries (invoice_id, purpose, channel, recipient, outbox_id, created_by)
			values (${invoice.id}, ${purpose.kind}, 'email', ${mail.to}, ${outboxId}, ${actor})
		`;
	}
};
