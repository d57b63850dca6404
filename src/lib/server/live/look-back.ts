import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import type { StaffSession } from '../auth/staff-sessions';
import type { Sql } from '../db/database';
import { PARTICIPANT_COOKIE, resolveParticipant, sessionByJoinCode } from './participants';

/** A theme canvas as it was when an earlier session ended. */
export interface CanvasSnapshot {
	sessionTitle: string;
	sessionPosition: number;
	themePosition: number;
	themeTitle: string;
	takenAt: Date;
	state: Uint8Array;
}

const positionSchema = z.coerce.number().int().min(1).max(50);

/**
 * The snapshot of an event's theme canvas at the end of one of its sessions, for someone in a
 * session of that event (a participant of the session behind the code, or staff). Null when
 * there is no such snapshot or the person may not see it.
 */
export async function findSnapshot(
	sql: Sql,
	request: { code: string; session: string; theme: string; staff: StaffSession | null; cookies: Cookies }
): Promise<CanvasSnapshot | null> {
	const sessionPosition = positionSchema.safeParse(request.session);
	const themePosition = positionSchema.safeParse(request.theme);
	if (!sessionPosition.success || !themePosition.success) return null;
	const live = await sessionByJoinCode(sql, request.code);
	if (!live) return null;
	if (!request.staff) {
		const participant = await resolveParticipant(sql, request.cookies.get(PARTICIPANT_COOKIE));
		if (participant?.sessionId !== live.sessionId) return null;
	}
	const [row] = await sql<{ session_title: string; theme_title: string; taken_at: Date; state: Uint8Array }[]>`
		select earlier.title as session_title, t.title as theme_title, cs.taken_at, cs.state
		from public.event_sessions here
		join public.event_sessions earlier on earlier.event_id = here.event_id and earlier.position = ${sessionPosition.data}
		join public.themes t on t.event_id = here.event_id and t.position = ${themePosition.data}
		join public.canvases c on c.theme_id = t.id
		join public.canvas_session_snapshots cs on cs.canvas_id = c.id and cs.session_id = earlier.id
		where here.id = ${live.sessionId}
	`;
	if (!row) return null;
	return {
		sessionTitle: row.session_title,
		sessionPosition: sessionPosition.data,
		themePosition: themePosition.data,
		themeTitle: row.theme_title,
		takenAt: row.taken_at,
		state: row.state
	};
}
