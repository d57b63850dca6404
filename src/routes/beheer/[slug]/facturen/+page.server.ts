import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf } from '$lib/server/http/csrf';
import { billingRows } from '$lib/server/invoicing/billing-state';
import { amsterdamToday } from '$lib/server/invoicing/calendar-date';
import { emailDelivery } from '$lib/server/invoicing/delivery';
import { loadFeeSettings, loadInvoicingOptions } from '$lib/server/invoicing/fee-settings-store';
import { eventInvoices, invoiceDetail, summariseInvoices } from '$lib/server/invoicing/invoice-queries';
import { invoiceStatusLabel, type InvoiceStatus } from '$lib/invoicing/labels';
import { InvoicingRefused } from '$lib/server/invoicing/invoicing-refused';
import { issueInvoices } from '$lib/server/invoicing/issue-invoices';
import type { Actions, PageServerLoad } from './$types';

/** The status filter as it appears in the URL (Dutch), and the status it stands for. */
const statusFilter = {
	openstaand: 'open',
	vervallen: 'overdue',
	betaald: 'paid',
	gecrediteerd: 'credited',
	creditnota: 'credit-note'
} as const satisfies Record<string, InvoiceStatus>;
const statusFilterSchema = z.enum(['alle', ...(Object.keys(statusFilter) as (keyof typeof statusFilter)[])]).catch('alle');

const issueFormSchema = z.object({
	registrations: z.array(z.uuid()).min(1).max(1000),
	grouping: z.enum(['per-aanmelding', 'per-organisatie', '']).optional()
});

async function eventOr404(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug ?? '');
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	return deskEvent;
}

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const deskEvent = await eventOr404(event);
	const sql = event.locals.sql;
	const today = amsterdamToday();
	const [fee, options, invoices] = await Promise.all([
		loadFeeSettings(sql, deskEvent.id),
		loadInvoicingOptions(sql, deskEvent.id),
		eventInvoices(sql, deskEvent.id, today)
	]);
	if (!fee || !options) error(404, 'Dit evenement bestaat niet.');
	const rows = await billingRows(sql, deskEvent.id, fee);
	const filter = statusFilterSchema.parse(event.url.searchParams.get('status') ?? 'alle');
	const shown = filter === 'alle' ? invoices : invoices.filter((invoice) => invoice.status === statusFilter[filter]);

	const billing = rows.map((row) => ({
		registrationId: row.registrationId,
		name: row.name,
		organisationName: row.organisationName,
		explanation: row.charge.explanation,
		netCents: row.charge.netCents,
		grossCents: row.charge.grossCents,
		purchaseOrderPending: row.purchaseOrderPending,
		buyerKey: row.buyerKey,
		invoicedNetCents: row.invoicedNetCents,
		activeInvoices: row.activeInvoices,
		stage: row.stage
	}));

	const summary = summariseInvoices(invoices);

	return {
		event: deskEvent,
		isOrganizer: true,
		today,
		summary,
		filter,
		filterOptions: [
			{ value: 'alle', label: 'Alle', count: invoices.length },
			...Object.entries(statusFilter).map(([value, status]) => ({ value, label: invoiceStatusLabel[status], count: summary.counts[status] }))
		],
		firstIssueDate: invoices.at(-1)?.issueDate ?? null,
		invoiceCount: invoices.length,
		invoices: shown,
		billing: {
			ready: billing.filter((row) => row.stage === 'ready'),
			awaitingReference: billing.filter((row) => row.stage === 'awaiting-reference' || row.stage === 'awaiting-buyer-id'),
			needsCorrection: billing.filter((row) => row.stage === 'needs-correction'),
			invoiced: billing.filter((row) => row.stage === 'invoiced').length,
			nothingOwed: billing.filter((row) => row.stage === 'nothing-owed').length
		},
		defaultGrouping: options.invoiceGrouping
	};
};

/** `2026-00003, 2026-00004 en 2026-00005`, or the first and last of a long run. */
function numberList(numbers: string[]): string {
	if (numbers.length > 5) return `${numbers[0]} tot en met ${numbers.at(-1)}`;
	return numbers.length === 1 ? (numbers[0] ?? '') : `${numbers.slice(0, -1).join(', ')} en ${numbers.at(-1)}`;
}

export const actions: Actions = {
	factureren: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await eventOr404(event);
		const chosen = form.getAll('aanmelding').filter((value) => typeof value === 'string');
		const parsed = issueFormSchema.safeParse({
			registrations: chosen,
			grouping: form.get('groepering') ?? undefined
		});
		if (!parsed.success) {
			return fail(400, { action: 'factureren', message: 'Kies welke aanmeldingen gefactureerd moeten worden en probeer het opnieuw.' });
		}
		const { registrations, grouping } = parsed.data;
		try {
			const issued = await issueInvoices(
				event.locals.sql,
				{
					eventId: deskEvent.id,
					registrations,
					...(grouping ? { grouping: grouping === 'per-organisatie' ? 'organisation' : 'registration' } : {})
				},
				{ actor: member.email, delivery: emailDelivery }
			);
			const numbers = issued.map((invoice) => invoice.number);
			if (issued.length === 1 && issued[0]) {
				const detail = await invoiceDetail(event.locals.sql, deskEvent.id, issued[0].number, amsterdamToday());
				const to = detail ? ` naar ${detail.document.buyer.email}` : '';
				return { action: 'factureren', issued: numbers, done: `Factuur ${issued[0].number} is uitgegeven en verstuurd${to}.` };
			}
			return {
				action: 'factureren',
				issued: numbers,
				done: `${issued.length} facturen zijn uitgegeven (${numberList(numbers)}) en per e-mail verstuurd naar de factuuradressen van de afnemers.`
			};
		} catch (caught) {
			if (!(caught instanceof InvoicingRefused)) throw caught;
			return fail(caught.status, { action: 'factureren', message: caught.message });
		}
	}
};
