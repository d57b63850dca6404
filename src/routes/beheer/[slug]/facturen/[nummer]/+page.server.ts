import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { formatEuro } from '$lib/format/nl';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf } from '$lib/server/http/csrf';
import { billingRows } from '$lib/server/invoicing/billing-state';
import { amsterdamToday, formatCalendarDate } from '$lib/server/invoicing/calendar-date';
import { creditInvoice } from '$lib/server/invoicing/credit-notes';
import { emailDelivery } from '$lib/server/invoicing/delivery';
import { loadFeeSettings } from '$lib/server/invoicing/fee-settings-store';
import { INVOICE_NUMBER } from '$lib/server/invoicing/invoice-download';
import { invoiceDetail } from '$lib/server/invoicing/invoice-queries';
import { InvoicingRefused } from '$lib/server/invoicing/invoicing-refused';
import { creditReasonSchema, parsePaymentForm, readPaymentForm } from '$lib/server/invoicing/payment-form';
import { recordPayment } from '$lib/server/invoicing/payments';
import { sendPaymentReminders } from '$lib/server/invoicing/reminders';
import { resendInvoice } from '$lib/server/invoicing/resend-invoice';
import type { Actions, PageServerLoad } from './$types';

/** `2026-00017` for an invoice, `C2026-00003` for a credit note. */
const NOT_FOUND = 'Deze factuur bestaat niet.';

type Params = { slug: string; nummer: string };

/** The event and the invoice in the URL, only when the invoice belongs to that event. */
async function invoiceOr404(event: Pick<RequestEvent<Params>, 'locals' | 'params'>) {
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	if (!INVOICE_NUMBER.test(event.params.nummer)) error(404, NOT_FOUND);
	const detail = await invoiceDetail(event.locals.sql, deskEvent.id, event.params.nummer, amsterdamToday());
	if (!detail) error(404, NOT_FOUND);
	return { deskEvent, detail };
}

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const { deskEvent, detail } = await invoiceOr404(event);
	const fee = await loadFeeSettings(event.locals.sql, deskEvent.id);
	const covered = fee && detail.registrationIds.length > 0 ? await billingRows(event.locals.sql, deskEvent.id, fee, detail.registrationIds) : [];
	// The logo travels with the PDF; the page does not need its bytes.
	const { logo: _logo, ...seller } = detail.document.seller;
	const validation = detail.validation;
	return {
		event: deskEvent,
		isOrganizer: true,
		today: amsterdamToday(),
		// A new id with every rendering of the payment form: sending the same form twice books once.
		paymentRequestId: randomUUID(),
		smtpConfigured: event.locals.config.SMTP_URL !== undefined,
		invoice: {
			...detail,
			document: { ...detail.document, seller },
			validation: {
				valid: validation.valid,
				xsdValid: validation.xsd.valid,
				xsdErrors: validation.xsd.errors,
				rules: validation.rules.map((rule) => ({ id: rule.id, passed: rule.passed, message: rule.message }))
			}
		},
		registrations: covered.map((row) => ({ id: row.registrationId, name: row.name, organisationName: row.organisationName, stage: row.stage }))
	};
};

/** Signed in as organizer, a valid CSRF token, and the invoice: what every action here starts with. */
async function organizerPost(event: RequestEvent<Params>) {
	const { member } = requireOrganizer(event);
	const form = await event.request.formData();
	assertCsrf(event, form);
	const { deskEvent, detail } = await invoiceOr404(event);
	return { form, deskEvent, detail, actor: member.email };
}

const documentName = (kind: 'invoice' | 'credit-note', number: string) => `${kind === 'invoice' ? 'Factuur' : 'Creditnota'} ${number}`;

export const actions: Actions = {
	betaling: async (event) => {
		const { form, detail, actor } = await organizerPost(event);
		const values = readPaymentForm(form);
		const parsed = parsePaymentForm(values);
		if (!parsed.ok) {
			return fail(400, { action: 'betaling', values, errors: parsed.errors, message: 'De betaling is niet geboekt. Bekijk de meldingen bij de velden.' });
		}
		const requestId = z.uuid().safeParse(form.get('betaling-id'));
		if (!requestId.success) {
			return fail(400, { action: 'betaling', values, errors: {}, message: 'De betaling is niet geboekt: het formulier is niet compleet. Laad de pagina opnieuw en probeer het nog eens.' });
		}
		try {
			const outcome = await recordPayment(event.locals.sql, detail.id, parsed.payment, { actor, requestId: requestId.data });
			if (outcome === 'already-recorded') return { action: 'betaling', done: 'Deze betaling was al geboekt (het formulier is twee keer verstuurd); er is niets dubbel geboekt.' };
		} catch (caught) {
			if (!(caught instanceof InvoicingRefused)) throw caught;
			return fail(caught.status, { action: 'betaling', values, errors: { [caught.field]: caught.message }, message: caught.message });
		}
		const rest = detail.outstandingCents - parsed.payment.amountCents;
		return {
			action: 'betaling',
			done:
				`Een betaling van ${formatEuro(parsed.payment.amountCents)} op ${formatCalendarDate(parsed.payment.paidOn)} is geboekt. ` +
				(rest > 0 ? `Er staat nog ${formatEuro(rest)} open.` : `Factuur ${detail.number} is nu helemaal betaald.`)
		};
	},

	crediteren: async (event) => {
		const { form, detail, actor } = await organizerPost(event);
		const reasonText = typeof form.get('reden') === 'string' ? String(form.get('reden')) : '';
		const values = { reason: reasonText };
		if (form.get('bevestig') !== 'ja') {
			return fail(400, {
				action: 'crediteren',
				values,
				errors: { bevestig: 'Vink aan dat je deze factuur wilt crediteren.' },
				message: 'De factuur is niet gecrediteerd. Vink aan dat je deze factuur wilt crediteren.'
			});
		}
		const reason = creditReasonSchema.safeParse(reasonText);
		if (!reason.success) {
			const message = reason.error.issues[0]?.message ?? 'Vul de reden van de creditering in.';
			return fail(400, { action: 'crediteren', values, errors: { reden: message }, message: `De factuur is niet gecrediteerd. ${message}` });
		}
		try {
			const credit = await creditInvoice(event.locals.sql, detail.id, reason.data, { actor, delivery: emailDelivery });
			return {
				action: 'crediteren',
				creditNote: credit.number,
				done:
					`Creditnota ${credit.number} is uitgegeven en verstuurd naar ${detail.document.buyer.email}. Factuur ${detail.number} is nu gecrediteerd. ` +
					'Moet er alsnog (een ander bedrag) worden gefactureerd? Dan staat de aanmelding weer klaar op de pagina Facturen.'
			};
		} catch (caught) {
			if (!(caught instanceof InvoicingRefused)) throw caught;
			return fail(caught.status, { action: 'crediteren', values, errors: {} as Record<string, string>, message: caught.message });
		}
	},

	'opnieuw-versturen': async (event) => {
		const { deskEvent, detail, actor } = await organizerPost(event);
		try {
			const sent = await resendInvoice(event.locals.sql, deskEvent.id, detail.number, actor);
			return { action: 'opnieuw-versturen', done: `${documentName(sent.kind, sent.number)} is opnieuw verstuurd naar ${sent.recipient}.` };
		} catch (caught) {
			if (!(caught instanceof InvoicingRefused)) throw caught;
			return fail(caught.status, { action: 'opnieuw-versturen', message: caught.message });
		}
	},

	herinnering: async (event) => {
		const { detail, actor } = await organizerPost(event);
		if (detail.status !== 'open' && detail.status !== 'overdue') {
			return fail(409, { action: 'herinnering', message: `Op ${documentName(detail.kind, detail.number).toLowerCase()} staat niets open; er is geen herinnering verstuurd.` });
		}
		const sent = await sendPaymentReminders(event.locals.sql, { actor, delivery: emailDelivery, only: detail.id });
		if (sent === 0) {
			return fail(409, {
				action: 'herinnering',
				message: `Er is geen herinnering verstuurd: op factuur ${detail.number} staat niets meer open, of er werd net al iets mee gedaan. Laad de pagina opnieuw.`
			});
		}
		return {
			action: 'herinnering',
			done: `Een betalingsherinnering voor factuur ${detail.number} (nog ${formatEuro(detail.outstandingCents)} open) is verstuurd naar ${detail.document.buyer.email}.`
		};
	}
};
