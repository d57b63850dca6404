import { z } from 'zod';
import { agendaKinds } from '$lib/programme/agenda-rows';
import { recordAudit } from '../audit/audit-log';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';
import { ensureLiveSession } from '../live/join-code';
import { FORM_LEVEL, type SessionInput } from './agenda-form';

/**
 * An event's sessions and their agendas as the organizer edits them on `/beheer/<slug>/agenda`:
 * reading them with their live state, saving one session with all its items in one transaction,
 * and removing a session that has not run.
 */

const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const liveStatusSchema = z.enum(['not-started', 'running', 'paused', 'ended']);
export type LiveStatus = z.infer<typeof liveStatusSchema>;

const agendaItemRowSchema = z.object({
	id: z.uuid(),
	position: z.number().int(),
	startsAt: timestamp,
	endsAt: timestamp,
	title: z.string(),
	kind: z.enum(agendaKinds),
	silentWriting: z.boolean(),
	templateId: z.uuid().nullable(),
	templateName: z.string().nullable(),
	themeId: z.uuid().nullable(),
	themeTitle: z.string().nullable(),
	themePosition: z.number().int().nullable()
});

const agendaSessionSchema = z.object({
	id: z.uuid(),
	eventId: z.uuid(),
	eventTitle: z.string(),
	position: z.number().int(),
	title: z.string(),
	startsAt: timestamp,
	endsAt: timestamp,
	venueName: z.string().nullable(),
	venueAddress: z.string().nullable(),
	venueCity: z.string().nullable(),
	liveStatus: liveStatusSchema.nullable(),
	joinCode: z.string().nullable(),
	registrations: z.number().int(),
	items: z.array(agendaItemRowSchema)
});

/** A session with its agenda, its live state and how many people signed up for it. */
export type AgendaSession = z.infer<typeof agendaSessionSchema>;

/** The sessions of an event (by position), or the one session with `sessionId`, assembled as JSON by PostgreSQL. */
async function querySessions(sql: Sql, where: { eventId: string | null; sessionId: string | null }): Promise<AgendaSession[]> {
	const rows = await sql<{ session: unknown }[]>`
		select json_build_object(
			'id', s.id, 'eventId', s.event_id, 'eventTitle', e.title, 'position', s.position, 'title', s.title,
			'startsAt', s.starts_at, 'endsAt', s.ends_at,
			'venueName', s.venue_name, 'venueAddress', s.venue_address, 'venueCity', s.venue_city,
			'liveStatus', l.status, 'joinCode', l.join_code,
			'registrations', (select count(*) from public.registration_sessions rs where rs.session_id = s.id),
			'items', coalesce((
				select json_agg(json_build_object(
					'id', a.id, 'position', a.position, 'startsAt', a.starts_at, 'endsAt', a.ends_at, 'title', a.title,
					'kind', a.kind, 'silentWriting', a.silent_writing,
					'templateId', a.template_id, 'templateName', t.name,
					'themeId', a.theme_id, 'themeTitle', th.title, 'themePosition', th.position
				) order by a.position)
				from public.agenda_items a
				left join public.canvas_templates t on t.id = a.template_id
				left join public.themes th on th.id = a.theme_id
				where a.session_id = s.id
			), '[]'::json)
		) as session
		from public.event_sessions s
		join public.events e on e.id = s.event_id
		left join public.live_sessions l on l.session_id = s.id
		where (${where.eventId}::uuid is null or s.event_id = ${where.eventId}::uuid)
			and (${where.sessionId}::uuid is null or s.id = ${where.sessionId}::uuid)
		order by s.position
	`;
	return rows.map((row) => agendaSessionSchema.parse(row.session));
}

/** Every session of the event with its agenda, in order. */
export function loadEventAgenda(sql: Sql, eventId: string): Promise<AgendaSession[]> {
	return querySessions(sql, { eventId, sessionId: null });
}

/** One session of the event, or null (also for an id that is not a uuid, or of another event). */
export async function loadAgendaSession(sql: Sql, eventId: string, sessionId: string): Promise<AgendaSession | null> {
	if (!z.uuid().safeParse(sessionId).success) return null;
	const [session] = await querySessions(sql, { eventId, sessionId });
	return session ?? null;
}

/** A session of any event, to copy its agenda into a new one; null when there is none. */
export async function loadSessionToCopy(sql: Sql, sessionId: string): Promise<(AgendaSession & { themePositions: Map<string, number> }) | null> {
	if (!z.uuid().safeParse(sessionId).success) return null;
	const [session] = await querySessions(sql, { eventId: null, sessionId });
	if (!session) return null;
	const themePositions = new Map<string, number>();
	for (const item of session.items) if (item.themeId && item.themePosition !== null) themePositions.set(item.themeId, item.themePosition);
	return { ...session, themePositions };
}

export interface CopySource {
	id: string;
	title: string;
	eventTitle: string;
	startsAt: Date;
}

/** Sessions with an agenda to start a new session from: the latest first. */
export async function copySources(sql: Sql): Promise<CopySource[]> {
	const rows = await sql<{ id: string; title: string; event_title: string; starts_at: Date }[]>`
		select s.id, s.title, e.title as event_title, s.starts_at
		from public.event_sessions s join public.events e on e.id = s.event_id
		where exists (select 1 from public.agenda_items a where a.session_id = s.id)
		order by s.starts_at desc, s.position
		limit 60
	`;
	return rows.map((row) => ({ id: row.id, title: row.title, eventTitle: row.event_title, startsAt: row.starts_at }));
}

export interface EventTheme {
	id: string;
	position: number;
	title: string;
}

/** The event's themes, in order. */
export async function eventThemes(sql: Sql, eventId: string): Promise<EventTheme[]> {
	return sql<EventTheme[]>`
		select id, position, title from public.themes where event_id = ${eventId} order by position
	`;
}

/** Why a change to the agenda was refused; `field` is where the page shows `message`. */
export class AgendaRefused extends Error {
	override name = 'AgendaRefused';
	constructor(
		readonly reason: 'not-found' | 'stale' | 'already-ran' | 'has-registrations' | 'gone-choice',
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

/** Positions of one event's sessions as 1, 2, 3 … in order of their start. */
async function renumberSessions(tx: Sql, eventId: string): Promise<void> {
	// Positions are unique per event and checked row by row: park them out of the way first.
	await tx`
		update public.event_sessions s set position = 10000 + r.n
		from (select id, row_number() over (order by starts_at, position) as n from public.event_sessions where event_id = ${eventId}) r
		where s.id = r.id
	`;
	await tx`update public.event_sessions set position = position - 10000 where event_id = ${eventId}`;
}

/** The error PostgreSQL gives for a reference to a row that is gone (a template deleted meanwhile). */
function isForeignKeyViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'code' in error && error.code === '23503';
}

export interface SavedSession {
	sessionId: string;
	created: boolean;
	joinCode: string;
}

/**
 * Saves a session with all its items in one transaction: the session's fields, then its items —
 * kept rows (by id) are updated in place, so live state and votes that point at them survive;
 * rows no longer in the list are deleted; new rows are inserted — with positions 1, 2, 3 … in
 * the order given. A new session gets its live state and join code. Nothing is written when any
 * part fails.
 */
export async function saveSession(
	sql: Sql,
	target: { eventId: string; sessionId: string | null },
	input: SessionInput,
	actor: string
): Promise<SavedSession> {
	try {
		return await transaction(sql, async (tx) => {
			const [event] = await tx<{ id: string }[]>`select id from public.events where id = ${target.eventId} for update`;
			if (!event) throw new AgendaRefused('not-found', FORM_LEVEL, 'Dit evenement bestaat niet (meer).');
			// The running session's row next, before its items: facilitator commands lock that row and
			// then reference items, so taking the items first could deadlock with a "volgende".
			if (target.sessionId) await tx`select 1 from public.live_sessions where session_id = ${target.sessionId} for update`;
			const venue = input.venue;

			let sessionId: string;
			let created = false;
			if (target.sessionId) {
				const [row] = await tx<{ id: string }[]>`
					update public.event_sessions
					set title = ${input.title}, starts_at = ${input.startsAt}, ends_at = ${input.endsAt},
						venue_name = ${venue?.name ?? null}, venue_address = ${venue?.address ?? null}, venue_city = ${venue?.city ?? null}
					where id = ${target.sessionId} and event_id = ${target.eventId}
					returning id
				`;
				if (!row) {
					throw new AgendaRefused('not-found', FORM_LEVEL, 'Deze sessie bestaat niet meer. Misschien heeft iemand anders haar net verwijderd.');
				}
				sessionId = row.id;
			} else {
				const [row] = await tx<{ id: string }[]>`
					insert into public.event_sessions (event_id, position, title, starts_at, ends_at, venue_name, venue_address, venue_city)
					values (
						${target.eventId},
						(select coalesce(max(position), 0) + 1 from public.event_sessions where event_id = ${target.eventId}),
						${input.title}, ${input.startsAt}, ${input.endsAt}, ${venue?.name ?? null}, ${venue?.address ?? null}, ${venue?.city ?? null}
					)
					returning id
				`;
				if (!row) throw new Error('session not inserted');
				sessionId = row.id;
				created = true;
			}

			const stored = await tx<{ id: string }[]>`select id from public.agenda_items where session_id = ${sessionId} for update`;
			const storedIds = new Set(stored.map((row) => row.id));
			const keptIds = new Set(input.items.flatMap((item) => (item.id ? [item.id] : [])));
			if ([...keptIds].some((id) => !storedIds.has(id))) {
				throw new AgendaRefused(
					'stale',
					FORM_LEVEL,
					'Iemand anders heeft deze agenda intussen gewijzigd: een onderdeel bestaat niet meer. Laad de pagina opnieuw en probeer het nog eens.'
				);
			}
			const removed = [...storedIds].filter((id) => !keptIds.has(id));
			if (removed.length > 0) await tx`delete from public.agenda_items where id in ${tx(removed)}`;
			// Positions are unique per session and checked row by row: park the kept ones out of the way first.
			await tx`
				update public.agenda_items a set position = 10000 + r.n
				from (select id, row_number() over (order by position) as n from public.agenda_items where session_id = ${sessionId}) r
				where a.id = r.id
			`;
			for (const [index, item] of input.items.entries()) {
				if (item.id) {
					await tx`
						update public.agenda_items
						set position = ${index + 1}, starts_at = ${item.startsAt}, ends_at = ${item.endsAt}, title = ${item.title},
							kind = ${item.kind}, silent_writing = ${item.silentWriting}, template_id = ${item.templateId}, theme_id = ${item.themeId}
						where id = ${item.id}
					`;
				} else {
					await tx`
						insert into public.agenda_items (session_id, position, starts_at, ends_at, title, kind, silent_writing, template_id, theme_id)
						values (${sessionId}, ${index + 1}, ${item.startsAt}, ${item.endsAt}, ${item.title}, ${item.kind},
							${item.silentWriting}, ${item.templateId}, ${item.themeId})
					`;
				}
			}

			await renumberSessions(tx, target.eventId);
			const { joinCode } = await ensureLiveSession(tx, sessionId);
			await recordAudit(tx, {
				actor,
				action: created ? 'agenda.session-added' : 'agenda.session-changed',
				eventId: target.eventId,
				details: {
					sessionId,
					title: input.title,
					items: input.items.length,
					added: input.items.filter((item) => !item.id).length,
					removed: removed.length
				}
			});
			return { sessionId, created, joinCode };
		});
	} catch (error) {
		if (!isForeignKeyViolation(error)) throw error;
		throw new AgendaRefused(
			'gone-choice',
			FORM_LEVEL,
			'Een gekozen werkvorm of thema bestaat niet meer. Laad de pagina opnieuw en kies opnieuw.'
		);
	}
}

/**
 * Removes a session with its agenda. Refused for a session that has run (its results belong to
 * it) and for one people signed up for (their registration names it).
 */
export async function deleteSession(sql: Sql, target: { eventId: string; sessionId: string }, actor: string): Promise<{ title: string }> {
	if (!z.uuid().safeParse(target.sessionId).success) throw new AgendaRefused('not-found', FORM_LEVEL, 'Deze sessie bestaat niet (meer).');
	return transaction(sql, async (tx) => {
		await tx`select id from public.events where id = ${target.eventId} for update`;
		// Same order as saving: the live row before the session and its items.
		await tx`select 1 from public.live_sessions where session_id = ${target.sessionId} for update`;
		const [session] = await tx<{ title: string; status: string | null; registrations: number }[]>`
			select s.title, l.status,
				(select count(*)::int from public.registration_sessions rs where rs.session_id = s.id) as registrations
			from public.event_sessions s
			left join public.live_sessions l on l.session_id = s.id
			where s.id = ${target.sessionId} and s.event_id = ${target.eventId}
			for update of s
		`;
		if (!session) throw new AgendaRefused('not-found', FORM_LEVEL, 'Deze sessie bestaat niet (meer).');
		if (session.status !== null && session.status !== 'not-started') {
			throw new AgendaRefused(
				'already-ran',
				FORM_LEVEL,
				`‘${session.title}’ is al gehouden of loopt nog. Verwijderen kan niet meer: de resultaten en de aanwezigheid horen bij deze sessie.`
			);
		}
		if (session.registrations > 0) {
			throw new AgendaRefused(
				'has-registrations',
				FORM_LEVEL,
				`Voor ‘${session.title}’ ${session.registrations === 1 ? 'is al 1 deelnemer' : `zijn al ${session.registrations} deelnemers`} aangemeld. ` +
					'Verwijderen kan daarom niet; pas de sessie liever aan (bijvoorbeeld de datum).'
			);
		}
		await tx`delete from public.event_sessions where id = ${target.sessionId}`;
		await renumberSessions(tx, target.eventId);
		await recordAudit(tx, { actor, action: 'agenda.session-removed', eventId: target.eventId, details: { sessionId: target.sessionId, title: session.title } });
		return { title: session.title };
	});
}
