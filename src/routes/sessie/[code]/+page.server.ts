import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { SessionView } from '$lib/live/session-view';
import { csrfFor, assertCsrf } from '$lib/server/http/csrf';
import { castVote, chooseTheme, noteIdSchema, saveTakeaway, setReady, takeawaySchema, withdrawVote } from '$lib/server/live/participant-actions';
import {
	joinAsWalkIn,
	JoinRefused,
	PARTICIPANT_COOKIE,
	resolveParticipant,
	sessionByJoinCode,
	setParticipantCookie,
	walkInSchema
} from '$lib/server/live/participants';
import { BadRoomInput, participantAction } from '$lib/server/live/room-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { params, locals, cookies } = event;
	const session = await sessionByJoinCode(locals.sql, params.code);
	if (!session) error(404, 'Er is geen sessie met deze code. Kijk nog eens naar de code op het grote scherm.');
	if (session.joinCode !== params.code) redirect(308, `/sessie/${session.joinCode}`);
	const participant = await resolveParticipant(locals.sql, cookies.get(PARTICIPANT_COOKIE));
	const mine = participant?.sessionId === session.sessionId ? participant : null;
	const state = await locals.live.read(session.sessionId, mine?.id ?? null);
	if (!state) error(404, 'Er is geen sessie met deze code.');
	// Someone who only knows the code sees what the session is, not who is in it or what they wrote.
	const shown = mine ? state : { view: outsideView(state.view), you: null };
	return { joinCode: session.joinCode, joined: mine !== null, state: shown, csrf: csrfFor(event) };
};

function outsideView(view: SessionView): SessionView {
	return {
		...view,
		themes: view.themes.map((theme) => ({ ...theme, members: [] })),
		unassigned: [],
		ready: { count: 0, total: 0 },
		voting: null,
		takeaways: [],
		lookBack: [],
		follow: null
	};
}

export const actions: Actions = {
	/** A walk-in joins with name and organisation (only when the organizer allows it). */
	aansluiten: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const session = await sessionByJoinCode(event.locals.sql, event.params.code);
		if (!session) error(404, 'Er is geen sessie met deze code.');
		const values = { naam: String(form.get('naam') ?? ''), organisatie: String(form.get('organisatie') ?? '') };
		const parsed = walkInSchema.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
			return fail(400, { values, errors });
		}
		try {
			const joined = await joinAsWalkIn(event.locals.sql, session.sessionId, parsed.data);
			setParticipantCookie(event.cookies, joined.deviceToken, event.url.protocol === 'https:');
			await event.locals.live.changed(session.sessionId);
		} catch (problem) {
			if (problem instanceof JoinRefused) return fail(409, { values, errors: { formulier: problem.message } as Record<string, string> });
			throw problem;
		}
		redirect(303, `/sessie/${session.joinCode}`);
	},
	thema: (event) =>
		participantAction(event, async ({ sessionId, participant, form }) => {
			const theme = z.coerce.number().int().min(1).max(50).safeParse(form.get('thema'));
			if (!theme.success) throw new BadRoomInput('Kies een thema.');
			await chooseTheme(event.locals.sql, sessionId, participant.id, theme.data);
			return 'Je zit nu in deze themagroep.';
		}),
	klaar: (event) =>
		participantAction(event, async ({ sessionId, participant, form }) => {
			const ready = form.get('klaar') === 'ja';
			await setReady(event.locals.sql, sessionId, participant.id, ready);
			return ready ? 'De begeleider ziet dat je klaar bent.' : 'Je bent weer bezig.';
		}),
	meenemen: (event) =>
		participantAction(event, async ({ sessionId, participant, form }) => {
			const parsed = takeawaySchema.safeParse({ meenemen: form.get('meenemen') ?? '', delen: form.get('delen') ?? undefined });
			if (!parsed.success) throw new BadRoomInput(parsed.error.issues[0]?.message ?? 'Dit kan zo niet worden bewaard.');
			await saveTakeaway(event.locals.sql, sessionId, participant.id, parsed.data.meenemen, parsed.data.delen);
			return parsed.data.delen ? 'Bewaard en gedeeld op de muur.' : 'Bewaard; alleen jij ziet het.';
		}),
	stem: (event) =>
		participantAction(event, async ({ sessionId, participant, form }) => {
			const note = noteIdSchema.safeParse(form.get('notitie'));
			if (!note.success) throw new BadRoomInput('Deze notitie bestaat niet.');
			await castVote(event.locals.sql, sessionId, participant.id, note.data, (canvasId, noteId) =>
				event.locals.live.noteExists(canvasId, noteId)
			);
			return 'Je stem is geteld.';
		}),
	'stem-terug': (event) =>
		participantAction(event, async ({ sessionId, participant, form }) => {
			const note = noteIdSchema.safeParse(form.get('notitie'));
			if (!note.success) throw new BadRoomInput('Deze notitie bestaat niet.');
			await withdrawVote(event.locals.sql, sessionId, participant.id, note.data);
			return 'Je stem is teruggenomen.';
		})
};
