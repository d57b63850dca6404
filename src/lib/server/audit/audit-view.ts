import { z } from 'zod';
import type { Sql } from '../db/database';

/** The audit log as organizers read it on `/beheer/logboek`. */

export const AUDIT_PAGE_SIZE = 50;

/** `?pagina=` from the URL: a page number from 1; anything else is page 1. */
export const auditPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export interface AuditLogEntry {
	id: number;
	at: Date;
	actor: string;
	action: string;
	details: Record<string, unknown>;
	event: { slug: string; title: string } | null;
	registration: { id: string; name: string } | null;
}

/** One page of the log, newest first; with `eventId`, only the lines about that event. */
export async function listAuditLog(
	sql: Sql,
	options: { eventId: string | null; page: number }
): Promise<{ entries: AuditLogEntry[]; total: number; pageCount: number }> {
	const [{ total } = { total: 0 }] = await sql<{ total: number }[]>`
		select count(*)::int as total from public.audit_log
		where ${options.eventId}::uuid is null or event_id = ${options.eventId}::uuid
	`;
	const rows = await sql<
		{
			id: string;
			at: Date;
			actor: string;
			action: string;
			details: Record<string, unknown>;
			eventSlug: string | null;
			eventTitle: string | null;
			registrationId: string | null;
			registrationName: string | null;
		}[]
	>`
		select a.id, a.at, a.actor, a.action, a.details, e.slug as "eventSlug", e.title as "eventTitle",
			a.registration_id as "registrationId", r.name as "registrationName"
		from public.audit_log a
		left join public.events e on e.id = a.event_id
		left join public.registrations r on r.id = a.registration_id
		where ${options.eventId}::uuid is null or a.event_id = ${options.eventId}::uuid
		order by a.at desc, a.id desc
		limit ${AUDIT_PAGE_SIZE} offset ${(options.page - 1) * AUDIT_PAGE_SIZE}
	`;
	return {
		entries: rows.map((row) => ({
			id: Number(row.id),
			at: row.at,
			actor: row.actor,
			action: row.action,
			details: row.details,
			event: row.eventSlug && row.eventTitle ? { slug: row.eventSlug, title: row.eventTitle } : null,
			registration: row.registrationId && row.registrationName ? { id: row.registrationId, name: row.registrationName } : null
		})),
		total,
		pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
	};
}

/** The events to filter the log by. */
export async function auditEventChoices(sql: Sql): Promise<{ id: string; slug: string; title: string }[]> {
	return sql<{ id: string; slug: string; title: string }[]>`
		select id, slug, title from public.events order by created_at desc
	`;
}
