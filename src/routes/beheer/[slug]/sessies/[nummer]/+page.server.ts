import { error, fail } from '@sveltejs/kit';
import { sessionNumberSchema } from '$lib/events/schema';
import { requireStaff } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { assertCsrf, csrfFor } from '$lib/server/http/csrf';
import { CommandRefused, facilitatorCommandSchema } from '$lib/server/live/facilitator-commands';
import { ensureLiveSession } from '$lib/server/live/join-code';
import { listTemplates } from '$lib/server/live/templates';
import type { Actions, PageServerLoad } from './$types';

async function sessionOf(event: Parameters<PageServerLoad>[0] | Parameters<Actions[string]>[0]) {
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug ?? '');
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	const position = sessionNumberSchema.safeParse(event.params.nummer);
	const session = position.success ? deskEvent.sessions.find((candidate) => candidate.position === position.data) : undefined;
	if (!session) error(404, 'Deze sessie bestaat niet.');
	await ensureLiveSession(event.locals.sql, session.id);
	return { deskEvent, session };
}

/** The facilitator console: staff only (organizers and facilitators). */
export const load: PageServerLoad = async (event) => {
	const { member } = requireStaff(event);
	const { deskEvent, session } = await sessionOf(event);
	const state = await event.locals.live.read(session.id, null);
	if (!state) error(404, 'Deze sessie bestaat niet.');
	return {
		event: deskEvent,
		session: { position: session.position },
		isOrganizer: member.role === 'organizer',
		author: `staff:${member.email}`,
		// The name beside the facilitator's cursor; staff added by address alone show its first part.
		staffName: member.name || member.email.split('@')[0]!,
		state,
		templates: await listTemplates(event.locals.sql, event.locals.log),
		csrf: csrfFor(event)
	};
};

export const actions: Actions = {
	/** Every facilitator power goes through here, behind the staff check. */
	opdracht: async (event) => {
		requireStaff(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const { session } = await sessionOf(event);
		const command = facilitatorCommandSchema.safeParse(Object.fromEntries([...form.entries()].filter(([key]) => key !== 'csrf')));
		if (!command.success) return fail(400, { message: command.error.issues[0]?.message ?? 'Deze opdracht bestaat niet.' });
		try {
			await event.locals.live.command(session.id, command.data);
		} catch (problem) {
			if (problem instanceof CommandRefused) return fail(409, { message: problem.message });
			throw problem;
		}
		return { done: true };
	}
};
