import { z } from 'zod';
import { onlyRow, type Sql } from '../db/database';
import { waitlistPositionSql } from './seats';
import type { RegistrationStatus } from './sign-up';

/** One registration in full, as the personal page and the desk's detail page show it. */
export interface RegistrationDetail {
	id: string;
	eventId: string;
	eventSlug: string;
	eventTitle: string;
	status: RegistrationStatus;
	batchId: string;
	name: string;
	email: string;
	phone: string | null;
	jobTitle: string;
	organisationCode: string | null;
	organisationKind: 'gemeente' | 'provincie' | null;
	organisationName: string;
	hasInnovationScheme: 'ja' | 'nee' | 'weet-niet';
	needs: string | null;
	billingName: string;
	billingDepartment: string | null;
	billingStreet: string;
	billingPostcode: string;
	billingCity: string;
	billingEmail: string;
	purchaseOrder: string | null;
	/** "Ordernummer volgt": the invoice waits for the buyer's purchase order number. */
	purchaseOrderPending: boolean;
	billingReference: string | null;
	costCentre: string | null;
	participantListConsent: boolean;
	privacyConsentAt: Date;
	createdAt: Date;
	statusChangedAt: Date;
	anonymisedAt: Date | null;
	waitlistPosition: number | null;
	sessions: { id: string; position: number; title: string; startsAt: Date; checkedInAt: Date | null }[];
}

const detailSelect = (sql: Sql) => sql`
	select r.id, r.event_id as "eventId", e.slug as "eventSlug", e.title as "eventTitle", r.status,
		r.batch_id as "batchId", r.name, r.email, r.phone, r.job_title as "jobTitle",
		r.organisation_code as "organisationCode", o.kind as "organisationKind", r.organisation_name as "organisationName",
		r.has_innovation_scheme as "hasInnovationScheme", r.needs,
		r.billing_name as "billingName", r.billing_department as "billingDepartment", r.billing_street as "billingStreet",
		r.billing_postcode as "billingPostcode", r.billing_city as "billingCity", r.billing_email as "billingEmail",
		r.purchase_order as "purchaseOrder", r.purchase_order_pending as "purchaseOrderPending", r.billing_reference as "billingReference", r.cost_centre as "costCentre",
		r.participant_list_consent as "participantListConsent", r.privacy_consent_at as "privacyConsentAt",
		r.created_at as "createdAt", r.status_changed_at as "statusChangedAt", r.anonymised_at as "anonymisedAt",
		case when r.status = 'waitlisted' then ${sql.unsafe(waitlistPositionSql('r'))} end as "waitlistPosition",
		coalesce((
			select json_agg(json_build_object(
				'id', s.id, 'position', s.position, 'title', s.title, 'startsAt', s.starts_at, 'checkedInAt', rs.checked_in_at
			) order by s.position)
			from public.registration_sessions rs join public.event_sessions s on s.id = rs.session_id
			where rs.registration_id = r.id
		), '[]') as sessions
	from public.registrations r
	join public.events e on e.id = r.event_id
	left join public.organisations o on o.code = r.organisation_code
`;

function withDates(row: RegistrationDetail & { sessions: { startsAt: string | Date; checkedInAt: string | Date | null }[] }): RegistrationDetail {
	return {
		...row,
		sessions: row.sessions.map((session) => ({
			...session,
			startsAt: new Date(session.startsAt),
			checkedInAt: session.checkedInAt === null ? null : new Date(session.checkedInAt)
		})) as RegistrationDetail['sessions']
	};
}

export async function findRegistrationByToken(sql: Sql, token: string): Promise<RegistrationDetail | null> {
	const [row] = await sql`${detailSelect(sql)} where r.access_token = ${token}`;
	return row ? withDates(row as never) : null;
}

export async function findRegistration(sql: Sql, id: string): Promise<RegistrationDetail | null> {
	const [row] = await sql`${detailSelect(sql)} where r.id = ${id}`;
	return row ? withDates(row as never) : null;
}

/** The others signed up in the same go (a coordinator's colleagues): names and status only. */
export async function batchColleagues(sql: Sql, registration: { id: string; batchId: string }): Promise<{ name: string; status: RegistrationStatus }[]> {
	return sql<{ name: string; status: RegistrationStatus }[]>`
		select name, status from public.registrations
		where batch_id = ${registration.batchId} and id <> ${registration.id}
		order by sequence
	`;
}

/** The desk's filters, from the query string; anything unknown falls back to "all". */
export const registrationFilterSchema = z.object({
	q: z.string().trim().max(200).catch(''),
	status: z.enum(['confirmed', 'waitlisted', 'cancelled', 'alle']).catch('alle'),
	soort: z.enum(['gemeente', 'provincie', 'anders', 'alle']).catch('alle'),
	sessie: z.uuid().or(z.literal('alle')).catch('alle'),
	sorteer: z.enum(['aangemeld', 'naam', 'organisatie', 'status']).catch('aangemeld'),
	richting: z.enum(['op', 'af']).catch('op')
});
export type RegistrationFilter = z.infer<typeof registrationFilterSchema>;

export function readRegistrationFilter(params: URLSearchParams): RegistrationFilter {
	return registrationFilterSchema.parse({
		q: params.get('q') ?? '',
		status: params.get('status') ?? 'alle',
		soort: params.get('soort') ?? 'alle',
		sessie: params.get('sessie') ?? 'alle',
		sorteer: params.get('sorteer') ?? 'aangemeld',
		richting: params.get('richting') ?? 'op'
	});
}

export interface RegistrationRow {
	id: string;
	status: RegistrationStatus;
	name: string;
	email: string;
	jobTitle: string;
	organisationName: string;
	organisationKind: 'gemeente' | 'provincie' | 'anders';
	createdAt: Date;
	sessionPositions: number[];
	checkedInPositions: number[];
	waitlistPosition: number | null;
}

const sortColumns = {
	aangemeld: 'r.sequence',
	naam: 'lower(r.name)',
	organisatie: 'lower(r.organisation_name)',
	status: "array_position(array['confirmed','waitlisted','cancelled'], r.status)"
} as const;

/** Registrations of an event for the desk's table. Only whitelisted SQL goes into ORDER BY. */
export async function listRegistrations(sql: Sql, eventId: string, filter: RegistrationFilter): Promise<RegistrationRow[]> {
	const pattern = `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
	const order = `${sortColumns[filter.sorteer]} ${filter.richting === 'af' ? 'desc' : 'asc'}, r.sequence`;
	return sql<RegistrationRow[]>`
		select r.id, r.status, r.name, r.email, r.job_title as "jobTitle", r.organisation_name as "organisationName",
			coalesce(o.kind, 'anders') as "organisationKind", r.created_at as "createdAt",
			coalesce((select array_agg(s.position order by s.position) from public.registration_sessions rs
				join public.event_sessions s on s.id = rs.session_id where rs.registration_id = r.id), '{}') as "sessionPositions",
			coalesce((select array_agg(s.position order by s.position) from public.registration_sessions rs
				join public.event_sessions s on s.id = rs.session_id where rs.registration_id = r.id and rs.checked_in_at is not null), '{}') as "checkedInPositions",
			case when r.status = 'waitlisted' then ${sql.unsafe(waitlistPositionSql('r'))} end as "waitlistPosition"
		from public.registrations r
		left join public.organisations o on o.code = r.organisation_code
		where r.event_id = ${eventId}
			and (${filter.q} = '' or r.name ilike ${pattern} or r.email ilike ${pattern} or r.organisation_name ilike ${pattern})
			and (${filter.status} = 'alle' or r.status = ${filter.status})
			and (${filter.soort} = 'alle' or coalesce(o.kind, 'anders') = ${filter.soort})
			and (${filter.sessie} = 'alle' or exists (
				select 1 from public.registration_sessions rs
				where rs.registration_id = r.id and rs.session_id::text = ${filter.sessie}
			))
		order by ${sql.unsafe(order)}
	`;
}

export interface RegistrationCounts {
	capacity: number | null;
	confirmed: number;
	waitlisted: number;
	cancelled: number;
	seatsLeft: number | null;
	gemeenten: number;
	provincies: number;
	otherOrganisations: number;
}

/** The numbers above the desk's table: per status, places left, distinct organisations with a place. */
export async function registrationCounts(sql: Sql, eventId: string): Promise<RegistrationCounts> {
	const rows = await sql<Omit<RegistrationCounts, 'seatsLeft'>[]>`
		select e.capacity,
			count(r.id) filter (where r.status = 'confirmed')::int as confirmed,
			count(r.id) filter (where r.status = 'waitlisted')::int as waitlisted,
			count(r.id) filter (where r.status = 'cancelled')::int as cancelled,
			count(distinct r.organisation_code) filter (where r.status = 'confirmed' and r.organisation_code like 'GM%')::int as gemeenten,
			count(distinct r.organisation_code) filter (where r.status = 'confirmed' and r.organisation_code like 'PV%')::int as provincies,
			count(distinct lower(r.organisation_other)) filter (where r.status = 'confirmed')::int as "otherOrganisations"
		from public.events e
		left join public.registrations r on r.event_id = e.id
		where e.id = ${eventId}
		group by e.id
	`;
	const row = onlyRow(rows, 'registration counts of an existing event');
	return { ...row, seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.confirmed) };
}

export interface HistoryEntry {
	at: Date;
	actor: string;
	action: string;
	details: Record<string, unknown>;
}

/** The audit lines of one registration, oldest first. */
export async function registrationHistory(sql: Sql, registrationId: string): Promise<HistoryEntry[]> {
	return sql<HistoryEntry[]>`
		select at, actor, action, details from public.audit_log
		where registration_id = ${registrationId}
		order by at, id
	`;
}

/** The mails about one registration, newest first. */
export async function registrationMails(sql: Sql, registrationId: string) {
	// Outbox ids are bigints, which postgres.js returns as strings.
	return sql<{ id: string; kind: string; subject: string; recipient: string; status: string; createdAt: Date; sentAt: Date | null }[]>`
		select id::text as id, kind, subject, recipient, status, created_at as "createdAt", sent_at as "sentAt"
		from public.outbox where registration_id = ${registrationId}
		order by id desc
	`;
}

/**
 * The participant list that participants share among themselves: confirmed participants who
 * consented to it, with their organisation. Names of anyone else never appear; the organisations
 * of those who did not consent are counted, not named.
 */
export async function sharedParticipantList(sql: Sql, eventId: string) {
	const listed = await sql<{ name: string; organisationName: string; jobTitle: string }[]>`
		select name, organisation_name as "organisationName", job_title as "jobTitle"
		from public.registrations
		where event_id = ${eventId} and status = 'confirmed' and participant_list_consent and anonymised_at is null
		order by lower(organisation_name), lower(name)
	`;
	const [unlisted] = await sql<{ count: number }[]>`
		select count(*)::int as count from public.registrations
		where event_id = ${eventId} and status = 'confirmed' and not participant_list_consent
	`;
	return { listed, unlistedCount: unlisted?.count ?? 0 };
}
