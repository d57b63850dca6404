import type { FeeSettings } from '$lib/fees/fee-settings';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';

/** The fee settings of an event as the fee function reads them. */
export async function loadFeeSettings(sql: Sql, eventId: string): Promise<FeeSettings | null> {
	const [row] = await sql<
		{
			fee_cents: number;
			vat_mode: 'standard' | 'exempt';
			vat_rate_bp: number;
			vat_exemption_text: string | null;
			further_participant_discount_cents: number;
			free_cancellation_until: string | null;
			cancellation_fee_cents: number | null;
		}[]
	>`
		select fee_cents, vat_mode, vat_rate_bp, vat_exemption_text, further_participant_discount_cents,
			to_char(free_cancellation_until, 'YYYY-MM-DD') as free_cancellation_until, cancellation_fee_cents
		from public.events where id = ${eventId}
	`;
	if (!row) return null;
	return {
		feeCents: row.fee_cents,
		vatMode: row.vat_mode,
		vatRateBp: row.vat_rate_bp,
		exemptionText: row.vat_exemption_text,
		furtherParticipantDiscountCents: row.further_participant_discount_cents,
		freeCancellationUntil: row.free_cancellation_until,
		cancellationFeeCents: row.cancellation_fee_cents
	};
}

/** Settings of an event that go with the fee but not into the fee function. */
export interface InvoicingOptions {
	quoteValidityDays: number;
	invoiceGrouping: 'registration' | 'organisation';
}

export async function loadInvoicingOptions(sql: Sql, eventId: string): Promise<InvoicingOptions | null> {
	const [row] = await sql<{ quoteValidityDays: number; invoiceGrouping: 'registration' | 'organisation' }[]>`
		select quote_validity_days as "quoteValidityDays", invoice_grouping as "invoiceGrouping"
		from public.events where id = ${eventId}
	`;
	return row ?? null;
}

/**
 * Stores new fee settings. Invoices already issued keep what they said (they are snapshots);
 * the audit line holds each changed value before and after. Returns the changed keys.
 */
export async function saveFeeSettings(
	sql: Sql,
	eventId: string,
	settings: FeeSettings & InvoicingOptions,
	actor: string
): Promise<{ changed: string[] }> {
	return sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		const before = await loadFeeSettings(tx, eventId);
		const options = await loadInvoicingOptions(tx, eventId);
		if (!before || !options) return { changed: [] };
		const previous: Record<string, unknown> = { ...before, ...options };
		const next: Record<string, unknown> = {
			feeCents: settings.feeCents,
			vatMode: settings.vatMode,
			vatRateBp: settings.vatRateBp,
			exemptionText: settings.vatMode === 'exempt' ? settings.exemptionText : null,
			furtherParticipantDiscountCents: settings.furtherParticipantDiscountCents,
			freeCancellationUntil: settings.freeCancellationUntil,
			cancellationFeeCents: settings.cancellationFeeCents,
			quoteValidityDays: settings.quoteValidityDays,
			invoiceGrouping: settings.invoiceGrouping
		};
		const changed = Object.keys(next).filter((key) => previous[key] !== next[key]);
		if (changed.length === 0) return { changed };
		await tx`
			update public.events
			set fee_cents = ${settings.feeCents}, vat_mode = ${settings.vatMode}, vat_rate_bp = ${settings.vatRateBp},
				vat_exemption_text = ${next.exemptionText as string | null},
				further_participant_discount_cents = ${settings.furtherParticipantDiscountCents},
				free_cancellation_until = ${settings.freeCancellationUntil}, cancellation_fee_cents = ${settings.cancellationFeeCents},
				quote_validity_days = ${settings.quoteValidityDays}, invoice_grouping = ${settings.invoiceGrouping},
				updated_at = now()
			where id = ${eventId}
		`;
		await recordAudit(tx, {
			actor,
			action: 'event.fee-settings-changed',
			eventId,
			details: { changes: Object.fromEntries(changed.map((key) => [key, { from: previous[key] ?? null, to: next[key] ?? null }])) }
		});
		return { changed };
	}) as Promise<{ changed: string[] }>;
}
