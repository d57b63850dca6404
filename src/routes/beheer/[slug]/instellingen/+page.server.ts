import { error, fail } from '@sveltejs/kit';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import {
	eventSettingsSchema,
	EventSettingsRefused,
	fillWaitingList,
	readSettingsForm,
	settingsErrors,
	updateEventSettings
} from '$lib/server/events/event-settings';
import { assertCsrf } from '$lib/server/http/csrf';
import { registrationCounts } from '$lib/server/registrations/queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function eventOr404(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	return deskEvent;
}

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const deskEvent = await eventOr404(event);
	return { event: deskEvent, counts: await registrationCounts(event.locals.sql, deskEvent.id), isOrganizer: true };
};

export const actions: Actions = {
	opslaan: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await eventOr404(event);
		const values = readSettingsForm(form);
		const parsed = eventSettingsSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, { action: 'opslaan', values, errors: settingsErrors(parsed.error), message: 'Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.' });
		}
		try {
			const { changed } = await updateEventSettings(event.locals.sql, deskEvent.id, parsed.data, member.email);
			return { action: 'opslaan', done: changed.length === 0 ? 'Er was niets veranderd.' : 'De instellingen zijn opgeslagen.' };
		} catch (caught) {
			if (!(caught instanceof EventSettingsRefused)) throw caught;
			return fail(caught.reason === 'not-found' ? 404 : 409, {
				action: 'opslaan',
				values,
				errors: { [caught.field]: caught.message },
				message: caught.message
			});
		}
	},

	aanvullen: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await eventOr404(event);
		const promoted = await fillWaitingList(event.locals.sql, deskEvent.id, {
			actor: member.email,
			origin: event.locals.config.publicOrigin
		});
		const done =
			promoted.length === 0
				? 'Niemand op de wachtlijst kon een plaats krijgen: er is geen plaats vrij, of het maximum per organisatie is bereikt.'
				: promoted.length === 1
					? '1 persoon van de wachtlijst heeft een plaats gekregen en krijgt daarover een e-mail.'
					: `${promoted.length} mensen van de wachtlijst hebben een plaats gekregen en krijgen daarover een e-mail.`;
		return { action: 'aanvullen', done };
	}
};
