import type { Sql } from '../db/database';
import { listRegistrations } from './queries';

export interface CheckInParticipant {
	id: string;
	name: string;
	organisationName: string;
	jobTitle: string;
	checkedIn: boolean;
}

export interface CheckInList {
	participants: CheckInParticipant[];
	/** Confirmed participants of the session, whatever the search. */
	total: number;
	checkedIn: number;
}

/**
 * The list at the door: confirmed participants of one session matching the search, by name,
 * and the running count ("12 van 30 ingecheckt") over the whole session.
 */
export async function checkInList(
	sql: Sql,
	eventId: string,
	session: { id: string; position: number },
	search: string
): Promise<CheckInList> {
	const rows = await listRegistrations(sql, eventId, {
		q: search,
		status: 'confirmed',
		soort: 'alle',
		sessie: session.id,
		sorteer: 'naam',
		richting: 'op'
	});
	const [counts] = await sql<{ total: number; checkedIn: number }[]>`
		select count(*)::int as total, count(rs.checked_in_at)::int as "checkedIn"
		from public.registration_sessions rs
		join public.registrations r on r.id = rs.registration_id
		where rs.session_id = ${session.id} and r.event_id = ${eventId} and r.status = 'confirmed'
	`;
	return {
		participants: rows.map((row) => ({
			id: row.id,
			name: row.name,
			organisationName: row.organisationName,
			jobTitle: row.jobTitle,
			checkedIn: row.checkedInPositions.includes(session.position)
		})),
		total: counts?.total ?? 0,
		checkedIn: counts?.checkedIn ?? 0
	};
}
