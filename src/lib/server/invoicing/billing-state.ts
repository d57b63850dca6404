import type { FeeSettings } from '$lib/fees/fee-settings';
import { registrationCharge, type Charge } from '$lib/fees/registration-fee';
import type { BillingStage } from '$lib/invoicing/labels';
import type { Sql } from '../db/database';

/**
 * Where each registration of an event stands with its invoice: what it owes by the fee function
 * and what has been invoiced for it (invoices not credited). The invoicing page, the issuing
 * code and the personal page all read it from here.
 */
/**
 * The stages (see `$lib/invoicing/labels`): nothing-owed (waiting list, free cancellation, fee 0),
 * ready (can be invoiced now), awaiting-reference (the order number is to follow, or there is no
 * reference at all), awaiting-buyer-id (an e-invoice to a Dutch buyer must name its KvK number or
 * OIN, BR-NL-10, and the organizer has not entered one under Debiteuren yet), invoiced (an invoice covers exactly what it owes), needs-correction (the
 * invoice no longer matches: credit it, then invoice again).
 */
export type { BillingStage };

export interface BillingRow {
	registrationId: string;
	name: string;
	organisationName: string;
	buyerKey: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	purchaseOrder: string | null;
	purchaseOrderPending: boolean;
	billingReference: string | null;
	costCentre: string | null;
	anonymised: boolean;
	/** Whether the organizer entered the buyer's KvK number or OIN (see `buyer_profiles`). */
	buyerIdentified: boolean;
	charge: Charge;
	/** Net amount on invoices that are not credited. */
	invoicedNetCents: number;
	/** Numbers of those invoices. */
	activeInvoices: string[];
	stage: BillingStage;
}

type Row = {
	id: string;
	name: string;
	organisation_name: string;
	buyer_key: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	organisation_rank: number | null;
	cancelled_at: Date | null;
	cancelled_with_place: boolean;
	cancellation_fee_waived: boolean;
	purchase_order: string | null;
	purchase_order_pending: boolean;
	billing_reference: string | null;
	cost_centre: string | null;
	anonymised: boolean;
	buyer_identified: boolean;
	invoiced_net: string;
	active_invoices: string[];
};

/** The reference an e-invoice carries for the buyer (BT-10): their reference, else their cost centre. */
export function buyerReferenceOf(row: { billingReference: string | null; costCentre: string | null }): string | null {
	return row.billingReference ?? row.costCentre ?? null;
}

export function billingStage(row: Omit<BillingRow, 'stage'>): BillingStage {
	if (row.activeInvoices.length > 0) {
		// An invoiced place stays settled while it is held: a later change of the price, or of a
		// colleague's place, applies to new invoices only (issued ones keep their amounts). Only a
		// change of the registration itself — a cancellation — can make its invoice wrong. An
		// anonymised registration is past its retention period: its bookkeeping is done.
		if (row.status === 'confirmed' || row.anonymised) return 'invoiced';
		return row.invoicedNetCents === row.charge.netCents ? 'invoiced' : 'needs-correction';
	}
	// Anonymising cancels a registration; that is privacy, not a cancellation that costs money.
	if (row.anonymised) return 'nothing-owed';
	if (row.charge.netCents === 0) return 'nothing-owed';
	// Never an e-invoice without an order number or the buyer's reference (BR-NL-2).
	if (row.purchaseOrderPending || (row.purchaseOrder === null && buyerReferenceOf(row) === null)) return 'awaiting-reference';
	if (!row.buyerIdentified) return 'awaiting-buyer-id';
	return 'ready';
}

/**
 * The billing rows of an event, or of some of its registrations. The discount rank counts the
 * places one organisation holds or held, in order of sign-up.
 */
export async function billingRows(sql: Sql, eventId: string, settings: FeeSettings, only?: string[]): Promise<BillingRow[]> {
	const rows = await sql<Row[]>`
		with ranked as (
			select r.*, coalesce(r.organisation_code, 'anders:' || lower(r.organisation_other)) as buyer_key,
				-- The discount rank counts the places the organisation holds or held (a late
				-- cancellation keeps its rank), so a colleague cancelling changes nobody's price.
				case when r.status = 'confirmed' or r.cancelled_with_place then row_number() over (
					partition by coalesce(r.organisation_code, 'anders:' || lower(r.organisation_other)),
						r.status = 'confirmed' or r.cancelled_with_place
					order by r.sequence
				)::int end as organisation_rank
			from public.registrations r
			where r.event_id = ${eventId}
		)
		select r.id, r.name, r.organisation_name, r.buyer_key, r.status, r.organisation_rank,
			r.cancelled_at, r.cancelled_with_place, r.cancellation_fee_waived,
			r.purchase_order, r.purchase_order_pending, r.billing_reference, r.cost_centre,
			(r.anonymised_at is not null) as anonymised,
			exists (
				select 1 from public.buyer_profiles p
				where (p.organisation_code = r.organisation_code or lower(p.organisation_other) = lower(r.organisation_other))
					and (p.kvk is not null or p.oin is not null)
			) as buyer_identified,
			coalesce(active.net, 0)::text as invoiced_net,
			coalesce(active.numbers, '{}') as active_invoices
		from ranked r
		left join lateral (
			select sum(ir.net_cents) as net, array_agg(i.number order by i.number) as numbers
			from public.invoice_registrations ir
			join public.invoices i on i.id = ir.invoice_id
			where ir.registration_id = r.id and i.kind = 'invoice'
				and not exists (select 1 from public.invoices c where c.credits_invoice_id = i.id)
		) active on true
		where ${only ? sql`r.id = any(${only}::uuid[])` : sql`true`}
		order by r.organisation_name, r.sequence
	`;
	return rows.map((row) => {
		const charge = registrationCharge(settings, {
			status: row.status,
			organisationRank: row.organisation_rank ?? 1,
			cancelledAt: row.cancelled_at,
			cancelledWithPlace: row.cancelled_with_place,
			cancellationFeeWaived: row.cancellation_fee_waived
		});
		const base = {
			registrationId: row.id,
			name: row.name,
			organisationName: row.organisation_name,
			buyerKey: row.buyer_key,
			status: row.status,
			purchaseOrder: row.purchase_order,
			purchaseOrderPending: row.purchase_order_pending,
			billingReference: row.billing_reference,
			costCentre: row.cost_centre,
			anonymised: row.anonymised,
			buyerIdentified: row.buyer_identified,
			charge,
			invoicedNetCents: Number(row.invoiced_net),
			activeInvoices: row.active_invoices
		};
		return { ...base, stage: billingStage(base) };
	});
}
