import type { Sql } from '../db/database';
import type { InvoiceDocument } from './invoice-document';
import type { TakenNumber } from './numbering';
import type { UblValidation } from './ubl/validate-ubl';

/** An invoice or credit note just stored. */
export interface IssuedInvoice {
	id: string;
	number: string;
	kind: InvoiceDocument['kind'];
	grossCents: number;
	buyerName: string;
}

/**
 * Writes an issued document with its number, files and validation outcome, and which
 * registrations it covers. The table's trigger keeps it unchanged from here on.
 */
export async function storeIssuedDocument(
	tx: Sql,
	issue: {
		eventId: string;
		taken: TakenNumber;
		document: InvoiceDocument;
		buyerKey: string;
		ublXml: string;
		pdf: Uint8Array;
		validation: UblValidation;
		actor: string;
		covers: { registrationId: string; netCents: number }[];
		creditsInvoiceId: string | null;
	}
): Promise<IssuedInvoice> {
	const { document, taken } = issue;
	const [row] = await tx<{ id: string }[]>`
		insert into public.invoices (
			event_id, kind, series, sequence_number, number, issue_date, due_date, buyer_key, buyer_name,
			net_cents, vat_cents, gross_cents, credits_invoice_id, document, ubl_xml, pdf, validation, issued_by
		) values (
			${issue.eventId}, ${document.kind}, ${taken.series}, ${taken.sequenceNumber}, ${taken.number},
			${document.issueDate}, ${document.dueDate}, ${issue.buyerKey}, ${document.buyer.legalName},
			${document.totals.netCents}, ${document.totals.vatCents}, ${document.totals.grossCents}, ${issue.creditsInvoiceId},
			${tx.json(document as unknown as Parameters<Sql['json']>[0])}, ${issue.ublXml}, ${Buffer.from(issue.pdf)},
			${tx.json(issue.validation as unknown as Parameters<Sql['json']>[0])}, ${issue.actor}
		)
		returning id
	`;
	if (!row) throw new Error(`invoice ${taken.number} was not stored`);
	for (const cover of issue.covers) {
		await tx`
			insert into public.invoice_registrations (invoice_id, registration_id, net_cents)
			values (${row.id}, ${cover.registrationId}, ${cover.netCents})
		`;
	}
	return { id: row.id, number: taken.number, kind: document.kind, grossCents: document.totals.grossCents, buyerName: document.buyer.legalName };
}
