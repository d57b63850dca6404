import { onlyRow, type Sql } from '../db/database';

/** An event's capacity settings, read under its row lock. */
export interface LockedEvent {
	id: string;
	status: string;
	capacity: number | null;
	organisationCap: number | null;
	organisationCapUntil: Date | null;
	registrationClosesAt: Date | null;
}

/**
 * Locks the event's row until the transaction ends. Every change that gives or takes a place
 * takes this lock first, so they run one at a time per event and never count the same free
 * place twice. (The capacity trigger takes the same lock; taking it here first avoids a
 * lock upgrade between the two.)
 */
export async function lockEvent(tx: Sql, eventId: string): Promise<LockedEvent | null> {
	const [row] = await tx<
		{
			id: string;
			status: string;
			capacity: number | null;
			organisation_cap: number | null;
			organisation_cap_until: Date | null;
			registration_closes_at: Date | null;
		}[]
	>`
		select id, status, capacity, organisation_cap, organisation_cap_until, registration_closes_at
		from public.events where id = ${eventId}
		for update
	`;
	if (!row) return null;
	return {
		id: row.id,
		status: row.status,
		capacity: row.capacity,
		organisationCap: row.organisation_cap,
		organisationCapUntil: row.organisation_cap_until,
		registrationClosesAt: row.registration_closes_at
	};
}

/**
 * What "the same organisation" means: the CBS code, or for other public bodies their name
 * without case. Must match the SQL expression in `representedKey` below.
 */
export function organisationKey(code: string | null, other: string | null): string {
	return code ?? `anders:${(other ?? '').toLocaleLowerCase('nl')}`;
}

const representedKey = (alias: string) =>
	`coalesce(${alias}.organisation_code, 'anders:' || lower(${alias}.organisation_other))`;

/** Confirmed places in the event, and of them those of one organisation. */
export async function seatsTaken(tx: Sql, eventId: string, key: string): Promise<{ total: number; organisation: number }> {
	const rows = await tx<{ total: number; organisation: number }[]>`
		select count(*)::int as total,
			count(*) filter (where ${tx.unsafe(representedKey('r'))} = ${key})::int as organisation
		from public.registrations r
		where r.event_id = ${eventId} and r.status = 'confirmed'
	`;
	return onlyRow(rows, 'seat count');
}

/**
 * The waiting list in the order places are offered: first people whose organisation has no
 * confirmed place yet (so places spread over many gemeenten), then everyone else; within each
 * group, first come first served.
 */
export async function waitingListInOrder(tx: Sql, eventId: string): Promise<{ id: string; key: string }[]> {
	return tx<{ id: string; key: string }[]>`
		select w.id, ${tx.unsafe(representedKey('w'))} as key
		from public.registrations w
		where w.event_id = ${eventId} and w.status = 'waitlisted'
		order by exists (
			select 1 from public.registrations c
			where c.event_id = w.event_id and c.status = 'confirmed'
				and ${tx.unsafe(representedKey('c'))} = ${tx.unsafe(representedKey('w'))}
		), w.sequence
	`;
}

/**
 * A waitlisted registration's place in `waitingListInOrder`, as SQL over the registration
 * aliased `alias`: 1 + those who would be offered a place first. (The cap per organisation can
 * still let someone further down go first; the number is what the participant is told.)
 */
export function waitlistPositionSql(alias: string): string {
	const represented = (x: string) => `exists (
		select 1 from public.registrations c
		where c.event_id = ${x}.event_id and c.status = 'confirmed' and ${representedKey('c')} = ${representedKey(x)}
	)`;
	return `(select count(*)::int from public.registrations w
		where w.event_id = ${alias}.event_id and w.status = 'waitlisted'
			and (${represented('w')}, w.sequence) <= (${represented(alias)}, ${alias}.sequence))`;
}

/**
 * Fills free places from the waiting list, in `waitingListInOrder`, respecting the cap per
 * organisation while it applies (also without a total capacity). Call with the event locked.
 * `except` is left waiting (someone an organizer just moved there). Returns the promoted ids.
 */
export async function fillFreePlaces(tx: Sql, event: LockedEvent, now: Date, except: string[] = []): Promise<string[]> {
	const promoted: string[] = [];
	const capApplies = event.organisationCap !== null && (!event.organisationCapUntil || now < event.organisationCapUntil);
	for (;;) {
		const { total } = await seatsTaken(tx, event.id, '');
		if (event.capacity !== null && total >= event.capacity) break;
		let next: string | undefined;
		for (const candidate of await waitingListInOrder(tx, event.id)) {
			if (except.includes(candidate.id)) continue;
			if (capApplies) {
				const { organisation } = await seatsTaken(tx, event.id, candidate.key);
				if (organisation >= (event.organisationCap ?? Infinity)) continue;
			}
			next = candidate.id;
			break;
		}
		if (!next) break;
		await tx`
			update public.registrations set status = 'confirmed', status_changed_at = now(), updated_at = now()
			where id = ${next}
		`;
		promoted.push(next);
	}
	return promoted;
}
