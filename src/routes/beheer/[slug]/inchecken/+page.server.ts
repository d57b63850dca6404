import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/format/nl';
import { requireStaff } from '$lib/server/auth/guard';
import { defaultCheckInSession, findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf } from '$lib/server/http/csrf';
import { checkInList } from '$lib/server/registrations/check-in';
import { refusalFailure } from '$lib/server/registrations/desk-refusal';
import { setCheckIn } from '$lib/server/registrations/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const searchSchema = z.string().trim().max(200).catch('');

export const load: PageServerLoad = async (event) => {
	const { member } = requireStaff(event);
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const asked = event.url.searchParams.get('sessie');
	const session =
		deskEvent.sessions.find((candidate) => candidate.id === asked) ??
		defaultCheckInSession(deskEvent.sessions, new Date(), isoDate);
	const q = searchSchema.parse(event.url.searchParams.get('q') ?? '');
	return {
		event: deskEvent,
		session,
		q,
		list: session ? await checkInList(event.locals.sql, deskEvent.id, session, q) : null,
		isOrganizer: member.role === 'organizer'
	};
};

export const actions: Actions = {
	// Facilitators may check people in: that is the job at the door.
	inchecken: async (event) => {
		const { member } = requireStaff(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
		if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
		const session = deskEvent.sessions.find((candidate) => candidate.id === form.get('sessie'));
		const registrationId = z.uuid().safeParse(form.get('aanmelding'));
		if (!session || !registrationId.success) {
			return fail(400, { message: 'Deze deelnemer of sessie bestaat niet. Laad de pagina opnieuw.' });
		}
		const checkIn = form.get('stand') === 'in';
		const name = typeof form.get('naam') === 'string' ? String(form.get('naam')) : 'De deelnemer';
		try {
			await setCheckIn(event.locals.sql, registrationId.data, session.id, checkIn, {
				actor: member.email,
				origin: event.locals.config.publicOrigin
			});
		} catch (caught) {
			return refusalFailure(caught, {});
		}
		return { done: checkIn ? `${name} is ingecheckt.` : `Inchecken van ${name} is ongedaan gemaakt.` };
	}
};
