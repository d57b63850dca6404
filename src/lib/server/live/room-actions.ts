import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { assertCsrf } from '../http/csrf';
import { PARTICIPANT_COOKIE, resolveParticipant, sessionByJoinCode, type SessionParticipant } from './participants';
import { ParticipantActionRefused } from './participant-actions';

/** Form values that are not what the room's forms send: a 400 with a Dutch message. */
export class BadRoomInput extends Error {
	override name = 'BadRoomInput';
}

/**
 * The frame of every participant action in the room: the session from the join code, the
 * participant from their cookie (of this very session), the CSRF check, and the outcome told
 * to everyone in the session. A refusal is a Dutch message with a 409; a stranger gets a 403.
 */
export async function participantAction(
	event: RequestEvent,
	work: (context: { sessionId: string; participant: SessionParticipant; form: FormData }) => Promise<string | void>
) {
	const form = await event.request.formData();
	assertCsrf(event, form);
	const session = await sessionByJoinCode(event.locals.sql, event.params.code ?? '');
	if (!session) error(404, 'Er is geen sessie met deze code.');
	const participant = await resolveParticipant(event.locals.sql, event.cookies.get(PARTICIPANT_COOKIE));
	if (!participant || participant.sessionId !== session.sessionId) {
		error(403, 'Je doet (nog) niet mee aan deze sessie. Open de sessie opnieuw met je persoonlijke link of de code.');
	}
	try {
		const done = await work({ sessionId: session.sessionId, participant, form });
		await event.locals.live.changed(session.sessionId);
		return { done: done ?? null };
	} catch (problem) {
		if (problem instanceof BadRoomInput) return fail(400, { message: problem.message });
		if (problem instanceof ParticipantActionRefused) return fail(409, { message: problem.message });
		throw problem;
	}
}
