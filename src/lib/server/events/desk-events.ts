import { z } from 'zod';
import { eventSlugSchema } from '$lib/events/schema';
import type { Sql } from '../db/database';

/**
 * Events as the organizers' desk (`/beheer`) sees them: every event, published or not, with
 * its settings and sessions — unlike `programme.ts`, which serves the public programme.
 */

const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const deskSessionSchema = z.object({
	id: z.uuid(),
	position: z.number().int(),
	title: z.string(),
	startsAt: timestamp,
	endsAt: timestamp
});
export type DeskSession = z.infer<typeof deskSessionSchema>;

const deskEventSchema = z.object({
	id: z.uuid(),
	slug: z.string(),
	title: z.string(),
	status: z.enum(['draft', 'published', 'archived']),
	capacity: z.number().int().nullable(),
	organisationCap: z.number().int().nullable(),
	organisationCapUntil: timestamp.nullable(),
	registrationClosesAt: timestamp.nullable(),
	retentionDays: z.number().int(),
	sessions: z.array(deskSessionSchema)
});
export type DeskEvent = z.infer<typeof deskEventSchema>;

/** The event behind a desk URL, or null for a slug that is malformed or unknown. */
export async function findDeskEvent(sql: Sql, slug: string): Promise<DeskEvent | null> {
	const parsed = eventSlugSchema.safeParse(slug);
	if (!parsed.success) return null;
	const [row] = await sql<{ event: unknown }[]>`
		select json_build_object(
			'id', e.id, 'slug', e.slug, 'title', e.title, 'status', e.status,
			'capacity', e.capacity, 'organisationCap', e.organisation_cap,
			'organisationCapUntil', e.organisation_cap_until, 'registrationClosesAt', e.registration_closes_at,
			'retentionDays', e.retention_days,
			'sessions', coalesce((
				select json_agg(json_build_object(
					'id', s.id, 'position', s.position, 'title', s.title, 'startsAt', s.starts_at, 'endsAt', s.ends_at
				) order by s.position)
				from public.event_sessions s where s.event_id = e.id
			), '[]'::json)
		) as event
		from public.events e where e.slug = ${parsed.data}
	`;
	return row ? deskEventSchema.parse(row.event) : null;
}

const eventOverviewSchema = z.object({
	id: z.uuid(),
	slug: z.string(),
	title: z.string(),
	status: z.enum(['draft', 'published', 'archived']),
	firstStartsAt: timestamp.nullable(),
	lastStartsAt: timestamp.nullable(),
	capacity: z.number().int().nullable(),
	confirmed: z.number().int(),
	waitlisted: z.number().int()
});
export type EventOverview = z.infer<typeof eventOverviewSchema>;

/** Every event with its dates and how full it is; the next or latest edition first. */
export async function listEventOverviews(sql: Sql): Promise<EventOverview[]> {
	const rows = await sql<{ event: unknown }[]>`
		select json_build_object(
			'id', e.id, 'slug', e.slug, 'title', e.title, 'status', e.status,
			'firstStartsAt', (select min(s.starts_at) from public.event_sessions s where s.event_id = e.id),
			'lastStartsAt', (select max(s.starts_at) from public.event_sessions s where s.event_id = e.id),
			'capacity', e.capacity,
			'confirmed', (select count(*) from public.registrations r where r.event_id = e.id and r.status = 'confirmed'),
			'waitlisted', (select count(*) from public.registrations r where r.event_id = e.id and r.status = 'waitlisted')
		) as event
		from public.events e
		order by (select min(s.starts_at) from public.event_sessions s where s.event_id = e.id) desc nulls first, e.created_at desc
	`;
	return rows.map((row) => eventOverviewSchema.parse(row.event));
}

/**
 * The session the door should check people in for: the one running or starting today, else
 * the next one, else (after the event) the last one.
 */
export function defaultCheckInSession(sessions: DeskSession[], now: Date, today: (date: Date) => string): DeskSession | null {
	const todayKey = today(now);
	return (
		sessions.find((session) => today(session.startsAt) === todayKey) ??
		sessions.find((session) => session.endsAt > now) ??
		sessions.at(-1) ??
		null
	);
}

/** The slug of the event whose next (or running) session comes soonest — else the latest — for `/beheer/inchecken`. */
export async function eventWithNextSession(sql: Sql, now: Date): Promise<string | null> {
	// The next session to come; when none is ahead (a past programme, the demo), the latest one.
	const [row] = await sql<{ slug: string }[]>`
		select e.slug from public.event_sessions s join public.events e on e.id = s.event_id
		where e.status <> 'archived'
		order by s.ends_at <= ${now}, case when s.ends_at > ${now} then s.starts_at end, s.starts_at desc, s.id
		limit 1
	`;
	return row?.slug ?? null;
}
