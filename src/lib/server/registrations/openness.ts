import { onlyRow, type Sql } from '../db/database';

/** Whether sign-up is open and how full the event is, for the form's first lines. */
export interface SignUpOpenness {
	open: boolean;
	closesAt: Date | null;
	capacity: number | null;
	seatsLeft: number | null;
	/** The cap per organisation, while it applies. */
	organisationCap: number | null;
	organisationCapUntil: Date | null;
}

export async function signUpOpenness(sql: Sql, eventId: string, now = new Date()): Promise<SignUpOpenness> {
	const rows = await sql<
		{ capacity: number | null; confirmed: number; organisation_cap: number | null; organisation_cap_until: Date | null; registration_closes_at: Date | null }[]
	>`
		select e.capacity, e.organisation_cap, e.organisation_cap_until, e.registration_closes_at,
			(select count(*)::int from public.registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed
		from public.events e where e.id = ${eventId}
	`;
	const row = onlyRow(rows, 'sign-up openness of an existing event');
	const capApplies = row.organisation_cap !== null && (!row.organisation_cap_until || now < row.organisation_cap_until);
	return {
		open: !row.registration_closes_at || now < row.registration_closes_at,
		closesAt: row.registration_closes_at,
		capacity: row.capacity,
		seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.confirmed),
		organisationCap: capApplies ? row.organisation_cap : null,
		organisationCapUntil: capApplies ? row.organisation_cap_until : null
	};
}
