import { fail } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { assertCsrf } from '$lib/server/http/csrf';
import { FORM_REFUSED_MESSAGE } from '$lib/server/invoicing/forms/form-fields';
import { logoField, logoPreview, parseSellerForm, sellerField, sellerFormValues } from '$lib/server/invoicing/forms/seller-settings-form';
import { loadSellerSettings, saveSellerSettings } from '$lib/server/invoicing/seller-settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const settings = await loadSellerSettings(event.locals.sql);
	return {
		fields: sellerField,
		logoField,
		isSet: settings !== null,
		stored: sellerFormValues(settings),
		logo: logoPreview(settings)
	};
};

export const actions: Actions = {
	opslaan: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const parsed = await parseSellerForm(form);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, message: FORM_REFUSED_MESSAGE });
		await saveSellerSettings(event.locals.sql, parsed.input, parsed.logo, member.email);
		return {
			done: 'De gegevens zijn opgeslagen. Nieuwe facturen gebruiken ze; facturen die al verstuurd zijn, blijven zoals ze waren.'
		};
	}
};
