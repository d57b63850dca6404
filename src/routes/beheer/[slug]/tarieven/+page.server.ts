import { error, fail } from '@sveltejs/kit';
import { cancellationPolicyText } from '$lib/fees/cancellation-policy';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf } from '$lib/server/http/csrf';
import { loadFeeSettings, loadInvoicingOptions, saveFeeSettings } from '$lib/server/invoicing/fee-settings-store';
import { FORM_REFUSED_MESSAGE } from '$lib/server/invoicing/forms/form-fields';
import { feeField, feeFormValues, parseFeeForm } from '$lib/server/invoicing/forms/fee-settings-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function eventOr404(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	return deskEvent;
}

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const deskEvent = await eventOr404(event);
	const [settings, options] = await Promise.all([
		loadFeeSettings(event.locals.sql, deskEvent.id),
		loadInvoicingOptions(event.locals.sql, deskEvent.id)
	]);
	if (!settings || !options) error(404, 'Dit evenement bestaat niet.');
	return {
		event: { slug: deskEvent.slug, title: deskEvent.title },
		fields: feeField,
		stored: feeFormValues(settings, options),
		/** The policy as quotes and the sign-up page state it now. */
		policy: cancellationPolicyText(settings),
		isOrganizer: true
	};
};

export const actions: Actions = {
	opslaan: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await eventOr404(event);
		const parsed = parseFeeForm(form);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, message: FORM_REFUSED_MESSAGE });
		const { changed } = await saveFeeSettings(event.locals.sql, deskEvent.id, parsed.settings, member.email);
		return {
			done:
				changed.length === 0
					? 'Er was niets veranderd.'
					: 'De tarieven zijn opgeslagen. Ze gelden voor nieuwe offertes en facturen; verstuurde facturen houden hun bedragen.'
		};
	}
};
