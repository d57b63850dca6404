import { error, fail } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { assertCsrf } from '$lib/server/http/csrf';
import { loadBuyerForm } from '$lib/server/invoicing/buyer-prefill';
import { saveBuyerProfile } from '$lib/server/invoicing/buyer-profiles';
import { FORM_REFUSED_MESSAGE } from '$lib/server/invoicing/forms/form-fields';
import { buyerField, buyerKeySchema, parseBuyerForm } from '$lib/server/invoicing/forms/buyer-profile-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const NOT_FOUND = 'Deze debiteur bestaat niet. Kies een organisatie uit de lijst met debiteuren.';

function keyOr404(event: Pick<RequestEvent, 'params'>): string {
	const parsed = buyerKeySchema.safeParse(event.params.sleutel);
	if (!parsed.success) error(404, NOT_FOUND);
	return parsed.data;
}

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const buyer = await loadBuyerForm(event.locals.sql, keyOr404(event));
	if (!buyer) error(404, NOT_FOUND);
	return { ...buyer, fields: buyerField };
};

export const actions: Actions = {
	opslaan: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const key = keyOr404(event);
		const parsed = parseBuyerForm(form);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, message: FORM_REFUSED_MESSAGE });
		try {
			await saveBuyerProfile(event.locals.sql, key, parsed.input, member.email);
		} catch (caught) {
			// saveBuyerProfile knows no organisation under this key.
			if (caught instanceof RangeError) error(404, NOT_FOUND);
			throw caught;
		}
		return { done: 'De gegevens zijn opgeslagen. Nieuwe facturen aan deze organisatie gebruiken ze.' };
	}
};
