import { fail } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { assertCsrf } from '$lib/server/http/csrf';
import { emptyTemplateForm, parseTemplateForm, readTemplateForm, templateField } from '$lib/server/live/template-form';
import { createTemplate, deleteTemplate, listTemplates, TemplateChangeRefused, templateUsage } from '$lib/server/live/templates';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = 'Niet alles is goed ingevuld. Bekijk de meldingen hieronder en bij de velden.';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const [templates, usage] = await Promise.all([listTemplates(event.locals.sql, event.locals.log), templateUsage(event.locals.sql)]);
	return {
		templates: templates.map((template) => ({ ...template, agendaItems: usage.get(template.id) ?? 0 })),
		fields: templateField,
		empty: emptyTemplateForm
	};
};

export const actions: Actions = {
	toevoegen: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const parsed = parseTemplateForm(form);
		if (!parsed.ok) return fail(400, { action: 'toevoegen' as const, values: parsed.values, errors: parsed.errors, message: REFUSED });
		try {
			const created = await createTemplate(event.locals.sql, parsed.template, member.email);
			return { action: 'toevoegen' as const, done: `De werkvorm ‘${created.name}’ is toegevoegd. Je kunt hem nu kiezen bij een onderdeel van de agenda.` };
		} catch (caught) {
			if (!(caught instanceof TemplateChangeRefused)) throw caught;
			return fail(409, { action: 'toevoegen' as const, values: readTemplateForm(form), errors: { [caught.field]: caught.message }, message: caught.message });
		}
	},

	verwijderen: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const id = form.get('sjabloon');
		try {
			const removed = await deleteTemplate(event.locals.sql, typeof id === 'string' ? id : '', member.email);
			const usage =
				removed.agendaItems === 0
					? ''
					: ` ${removed.agendaItems === 1 ? 'Eén onderdeel' : `${removed.agendaItems} onderdelen`} van een agenda ${removed.agendaItems === 1 ? 'heeft' : 'hebben'} nu geen werkvorm meer.`;
			return { action: 'verwijderen' as const, done: `De werkvorm ‘${removed.name}’ is verwijderd.${usage}` };
		} catch (caught) {
			if (!(caught instanceof TemplateChangeRefused)) throw caught;
			return fail(caught.reason === 'not-found' ? 404 : 409, { action: 'verwijderen' as const, message: caught.message });
		}
	}
};
