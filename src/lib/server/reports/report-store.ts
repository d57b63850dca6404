import { reportDocumentSchema, type ReportDocument } from '$lib/reports/report-document';
import { readEdits, type ReportEdits } from '$lib/reports/report-edits';
import { recordAudit } from '../audit/audit-log';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { reportPublishedMail } from '../mail/templates/registration-mails';
import { registrationMailContext } from '../registrations/registration-mail';

// Where reports live: the organizer's edits, the frozen published copy, and the event's choice of
// who may read its publication. Publishing for the first time mails the session's participants
// through the outbox, in the same transaction.

export type PublicationVisibility = 'private' | 'public';

export const publicationVisibilityLabel: Record<PublicationVisibility, string> = {
	private: 'Alleen deelnemers',
	public: 'Iedereen'
};

export interface StoredReport {
	edits: ReportEdits;
	published: ReportDocument | null;
	publishedAt: Date | null;
	publishedBy: string | null;
	announcedAt: Date | null;
	updatedAt: Date | null;
}

const NOT_STORED: StoredReport = {
	edits: readEdits({}),
	published: null,
	publishedAt: null,
	publishedBy: null,
	announcedAt: null,
	updatedAt: null
};

/** A published report as stored; one that no longer fits the schema is treated as unpublished. */
function readPublished(value: unknown): ReportDocument | null {
	if (value === null || value === undefined) return null;
	const parsed = reportDocumentSchema.safeParse(value);
	return parsed.success ? parsed.data : null;
}

export async function loadStoredReport(sql: Sql, sessionId: string): Promise<StoredReport> {
	const [row] = await sql<
		{ edits: unknown; published: unknown; published_at: Date | null; published_by: string | null; announced_at: Date | null; updated_at: Date }[]
	>`
		select edits, published, published_at, published_by, announced_at, updated_at
		from public.session_reports where session_id = ${sessionId}
	`;
	if (!row) return NOT_STORED;
	return {
		edits: readEdits(row.edits),
		published: readPublished(row.published),
		publishedAt: row.published_at,
		publishedBy: row.published_by,
		announcedAt: row.announced_at,
		updatedAt: row.updated_at
	};
}

export async function saveEdits(sql: Sql, target: { eventId: string; sessionId: string }, edits: ReportEdits, actor: string): Promise<void> {
	await transaction(sql, async (tx) => {
		await tx`
			insert into public.session_reports (session_id, edits, updated_by)
			values (${target.sessionId}, ${tx.json(edits as unknown as Parameters<Sql['json']>[0])}, ${actor})
			on conflict (session_id) do update
				set edits = excluded.edits, updated_at = now(), updated_by = excluded.updated_by
		`;
		await recordAudit(tx, { actor, action: 'report.edited', eventId: target.eventId, details: { sessionId: target.sessionId } });
	});
}

export interface PublishOutcome {
	/** How many participants were mailed: 0 when the report was published before. */
	mailed: number;
	again: boolean;
}

/**
 * Freezes `report` as the published report. The first time, every participant with a place in
 * the session (not cancelled, not anonymised) gets a mail with a link through their personal page.
 */
export async function publishReport(
	sql: Sql,
	target: { eventId: string; sessionId: string; sessionPosition: number },
	report: ReportDocument,
	actor: string,
	origin: string
): Promise<PublishOutcome> {
	return transaction(sql, async (tx) => {
		await tx`insert into public.session_reports (session_id) values (${target.sessionId}) on conflict (session_id) do nothing`;
		// The row lock: two organizers publishing at once send one round of mails.
		const [row] = await tx<{ announced_at: Date | null; published_at: Date | null }[]>`
			select announced_at, published_at from public.session_reports where session_id = ${target.sessionId} for update
		`;
		const again = row?.announced_at !== null && row?.announced_at !== undefined;
		await tx`
			update public.session_reports
			set published = ${tx.json(report as unknown as Parameters<Sql['json']>[0])}, published_at = now(), published_by = ${actor},
				announced_at = coalesce(announced_at, now()), updated_at = now(), updated_by = ${actor}
			where session_id = ${target.sessionId}
		`;
		let mailed = 0;
		if (!again) {
			const recipients = await tx<{ id: string }[]>`
				select r.id from public.registrations r
				join public.registration_sessions rs on rs.registration_id = r.id
				where rs.session_id = ${target.sessionId} and r.status = 'confirmed' and r.anonymised_at is null
				order by r.sequence
			`;
			for (const recipient of recipients) {
				const ctx = await registrationMailContext(tx, recipient.id, origin);
				const readUrl = `${ctx.personalUrl}/verslag/${target.sessionPosition}`;
				await enqueueMail(tx, reportPublishedMail(ctx, { sessionTitle: report.session.title, readUrl }));
				mailed++;
			}
		}
		await recordAudit(tx, {
			actor,
			action: again ? 'report.republished' : 'report.published',
			eventId: target.eventId,
			details: { sessionId: target.sessionId, mailed }
		});
		return { mailed, again };
	});
}

/** Takes a report offline again; it stays a draft with its edits. No mail. */
export async function unpublishReport(sql: Sql, target: { eventId: string; sessionId: string }, actor: string): Promise<boolean> {
	return transaction(sql, async (tx) => {
		const rows = await tx`
			update public.session_reports set published = null, published_at = null, updated_at = now(), updated_by = ${actor}
			where session_id = ${target.sessionId} and published is not null
			returning session_id
		`;
		if (rows.length === 0) return false;
		await recordAudit(tx, { actor, action: 'report.unpublished', eventId: target.eventId, details: { sessionId: target.sessionId } });
		return true;
	});
}

export async function setPublicationVisibility(sql: Sql, eventId: string, visibility: PublicationVisibility, actor: string): Promise<void> {
	await transaction(sql, async (tx) => {
		const [before] = await tx<{ publication_visibility: PublicationVisibility }[]>`
			select publication_visibility from public.events where id = ${eventId} for update
		`;
		if (!before || before.publication_visibility === visibility) return;
		await tx`update public.events set publication_visibility = ${visibility} where id = ${eventId}`;
		await recordAudit(tx, {
			actor,
			action: 'event.publication-visibility-changed',
			eventId,
			details: { from: before.publication_visibility, to: visibility }
		});
	});
}

/**
 * Takes a person out of an event's published reports, which are frozen copies: their name from
 * the organisations and take-aways (consent withdrawn, or anonymised), and with `takeaways` also
 * what they shared (anonymised). Call it in the transaction that makes the change.
 */
export async function forgetPersonInReports(
	tx: Sql,
	eventId: string,
	person: { name: string; participantIds: string[]; takeaways: boolean }
): Promise<void> {
	const rows = await tx<{ session_id: string; published: unknown }[]>`
		select r.session_id, r.published from public.session_reports r
		join public.event_sessions s on s.id = r.session_id
		where s.event_id = ${eventId} and r.published is not null
		for update of r
	`;
	const theirs = new Set(person.participantIds);
	for (const row of rows) {
		const report = readPublished(row.published);
		if (!report) continue;
		const forgotten: ReportDocument = {
			...report,
			organisations: report.organisations.map((organisation) => ({
				...organisation,
				people: organisation.people.filter((name) => name !== person.name)
			})),
			takeaways: report.takeaways
				.filter((takeaway) => !(person.takeaways && takeaway.participantId !== null && theirs.has(takeaway.participantId)))
				.map((takeaway) => (takeaway.name === person.name ? { ...takeaway, name: null } : takeaway))
		};
		await tx`
			update public.session_reports set published = ${tx.json(forgotten as unknown as Parameters<Sql['json']>[0])}
			where session_id = ${row.session_id}
		`;
	}
}

/** The published reports of an event, by session position. */
export async function publishedReports(sql: Sql, eventId: string): Promise<ReportDocument[]> {
	const rows = await sql<{ published: unknown }[]>`
		select r.published from public.session_reports r
		join public.event_sessions s on s.id = r.session_id
		where s.event_id = ${eventId} and r.published is not null
		order by s.position
	`;
	return rows.map((row) => readPublished(row.published)).filter((report): report is ReportDocument => report !== null);
}

/** Where the programme page links to the publication: only when it is public and has a published report. */
export async function publicPublicationHref(sql: Sql, event: { id: string; slug: string }): Promise<string | null> {
	const [row] = await sql`
		select 1 from public.events e
		where e.id = ${event.id} and e.publication_visibility = 'public'
			and exists (
				select 1 from public.session_reports r join public.event_sessions s on s.id = r.session_id
				where s.event_id = e.id and r.published is not null
			)
	`;
	return row ? `/publicatie/${event.slug}` : null;
}

/** Which sessions of an event have a published report: position and title, in order. */
export async function publishedReportTitles(sql: Sql, eventId: string): Promise<{ position: number; title: string }[]> {
	return sql<{ position: number; title: string }[]>`
		select s.position, s.title
		from public.session_reports r
		join public.event_sessions s on s.id = r.session_id
		where s.event_id = ${eventId} and r.published is not null
		order by s.position
	`;
}

export interface ReportStatusRow {
	sessionId: string;
	position: number;
	title: string;
	startsAt: Date;
	liveStatus: string | null;
	snapshots: number;
	publishedAt: Date | null;
	editedAt: Date | null;
}

/** Per session of an event: has it run, are its snapshots there, is its report out. */
export async function reportStatuses(sql: Sql, eventId: string): Promise<ReportStatusRow[]> {
	const rows = await sql<
		{
			session_id: string;
			position: number;
			title: string;
			starts_at: Date;
			live_status: string | null;
			snapshots: number;
			published_at: Date | null;
			edited_at: Date | null;
		}[]
	>`
		select s.id as session_id, s.position, s.title, s.starts_at, l.status as live_status,
			(select count(*)::int from public.canvas_session_snapshots snap where snap.session_id = s.id) as snapshots,
			r.published_at, r.updated_at as edited_at
		from public.event_sessions s
		left join public.live_sessions l on l.session_id = s.id
		left join public.session_reports r on r.session_id = s.id
		where s.event_id = ${eventId}
		order by s.position
	`;
	return rows.map((row) => ({
		sessionId: row.session_id,
		position: row.position,
		title: row.title,
		startsAt: row.starts_at,
		liveStatus: row.live_status,
		snapshots: row.snapshots,
		publishedAt: row.published_at,
		editedAt: row.edited_at
	}));
}
