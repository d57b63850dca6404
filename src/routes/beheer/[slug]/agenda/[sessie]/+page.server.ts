import { error, fail, redirect } from '@sveltejs/kit';
import { emptySessionForm, sortedByStart, withEmptyItem, withoutItem, type SessionFormValues } from '$lib/programme/agenda-rows';
import { requireOrganizer } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf } from '$lib/server/http/csrf';
import { listTemplates } from '$lib/server/live/templates';
import { copiedSessionValues, parseSessionForm, readSessionForm, sessionFormValues } from '$lib/server/programme/agenda-form';
import { AgendaRefused, deleteSession, eventThemes, loadAgendaSession, loadSessionToCopy, saveSession } from '$lib/server/programme/agenda-store';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** `nieuw` makes a new session; anything else names one of the event's sessions. */
const NEW = 'nieuw';

const REFUSED = 'Niet alles is goed ingevuld. Bekijk de meldingen hieronder en bij de velden.';

async function eventOr404(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	return deskEvent;
}

/** The event, the session being edited (null for a new one) and what may be chosen in the form. */
async function context(event: Pick<RequestEvent, 'locals' | 'params'>) {
	const deskEvent = await eventOr404(event);
	const isNew = event.params.sessie === NEW;
	const session = isNew ? null : await loadAgendaSession(event.locals.sql, deskEvent.id, event.params.sessie);
	if (!isNew && !session) error(404, 'Deze sessie bestaat niet (meer).');
	const [templates, themes] = await Promise.all([listTemplates(event.locals.sql, event.locals.log), eventThemes(event.locals.sql, deskEvent.id)]);
	return { deskEvent, session, templates, themes };
}

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const { deskEvent, session, templates, themes } = await context(event);
	let values = session ? sessionFormValues(session) : emptySessionForm();
	let copiedFrom: string | null = null;
	const source = event.url.searchParams.get('van');
	if (!session && source) {
		const copy = await loadSessionToCopy(event.locals.sql, source);
		if (copy) {
			values = copiedSessionValues(copy, themes);
			copiedFrom = `${copy.title} (${copy.eventTitle})`;
		}
	}
	return {
		event: { slug: deskEvent.slug, title: deskEvent.title },
		session: session && {
			id: session.id,
			title: session.title,
			liveStatus: session.liveStatus,
			joinCode: session.joinCode,
			registrations: session.registrations
		},
		values,
		copiedFrom,
		templates: templates.map((template) => ({ id: template.id, name: template.name })),
		themes,
		/** `?verwijderen`: the question whether to remove the session. */
		confirmDelete: session !== null && event.url.searchParams.has('verwijderen'),
		/** `?aangemaakt`: just created (the save redirected here). */
		created: session !== null && event.url.searchParams.has('aangemaakt'),
		isOrganizer: true
	};
};

/** The rows as typed, rearranged without saving: adding, removing or sorting rows without JavaScript. */
async function rearrange(event: RequestEvent, change: (values: SessionFormValues, form: FormData) => SessionFormValues) {
	requireOrganizer(event);
	const form = await event.request.formData();
	assertCsrf(event, form);
	await eventOr404(event);
	return { values: change(readSessionForm(form), form) };
}

export const actions: Actions = {
	opslaan: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const { deskEvent, session, templates, themes } = await context(event);
		const values = readSessionForm(form);
		const parsed = parseSessionForm(values, {
			templateIds: new Set(templates.map((template) => template.id)),
			themeIds: new Set(themes.map((theme) => theme.id))
		});
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, message: REFUSED });
		let saved;
		try {
			saved = await saveSession(event.locals.sql, { eventId: deskEvent.id, sessionId: session?.id ?? null }, parsed.session, member.email);
		} catch (caught) {
			if (!(caught instanceof AgendaRefused)) throw caught;
			return fail(caught.reason === 'not-found' ? 404 : 409, { values, errors: { [caught.field]: caught.message }, message: caught.message });
		}
		if (saved.created) redirect(303, `/beheer/${deskEvent.slug}/agenda/${saved.sessionId}?aangemaakt`);
		return { done: 'De sessie en haar agenda zijn opgeslagen.' };
	},

	onderdeelToevoegen: (event) => rearrange(event, (values) => withEmptyItem(values)),

	onderdeelVerwijderen: (event) =>
		rearrange(event, (values, form) => {
			const number = Number(form.get('verwijder'));
			return Number.isInteger(number) && number >= 1 ? withoutItem(values, number) : values;
		}),

	sorteren: (event) => rearrange(event, (values) => sortedByStart(values)),

	verwijderen: async (event) => {
		const { member } = requireOrganizer(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await eventOr404(event);
		try {
			await deleteSession(event.locals.sql, { eventId: deskEvent.id, sessionId: event.params.sessie }, member.email);
		} catch (caught) {
			if (!(caught instanceof AgendaRefused)) throw caught;
			return fail(caught.reason === 'not-found' ? 404 : 409, { deleteRefused: caught.message });
		}
		redirect(303, `/beheer/${deskEvent.slug}/agenda?verwijderd`);
	}
};
