import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { findDeskEvent } from '$lib/server/events/desk-events';
import { ensureLiveSession } from '$lib/server/live/join-code';
import type { PageServerLoad } from './$types';

/** The event's sessions, each with its join code and the way to its console, room and big screen. */
export const load: PageServerLoad = async (event) => {
	const { member } = requireStaff(event);
	const deskEvent = await findDeskEvent(event.locals.sql, event.params.slug);
	if (!deskEvent) error(404, 'Dit evenement bestaat niet.');
	for (const session of deskEvent.sessions) await ensureLiveSession(event.locals.sql, session.id);
	const rows = await event.locals.sql<{ session_id: string; join_code: string; status: string; participants: number }[]>`
		select l.session_id, l.join_code, l.status,
			(select count(*)::int from public.session_participants p where p.session_id = l.session_id) as participants
		from public.live_sessions l
		join public.event_sessions s on s.id = l.session_id
		where s.event_id = ${deskEvent.id}
	`;
	return {
		event: deskEvent,
		isOrganizer: member.role === 'organizer',
		sessions: deskEvent.sessions.map((session) => {
			const live = rows.find((row) => row.session_id === session.id);
			return { ...session, joinCode: live?.join_code ?? '', status: live?.status ?? 'not-started', participants: live?.participants ?? 0 };
		})
	};
};
