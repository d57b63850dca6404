import { reportDocumentSchema, type ReportDocument } from '$lib/reports/report-document';
import { NO_EDITS, readEdits, type ReportEdits } from '$lib/reports/report-edits';
import { recordAudit } from '../audit/audit-log';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { reportPublishedMail } from '../mail/templates/registration-mails';
import { registrationMailContext } from '../registrations/registration-mail';
import { lockEvent } from '../registrations/seats';

// Where reports live: the organizer's edits, the frozen published copy, and the event's choice of
// who may read its publication. Publishing for the first time mails the session's participants
// through the outbox, in the same transaction.

export type PublicationVisibility = 'private' | 'public';

export interface StoredReport {
	edits: ReportEdits;
	published: ReportDocument | null;
	publishedAt: Date | null;
	announcedAt: Date | null;
	updatedAt: Date | null;
}

const NOT_STORED: StoredReport = {
	edits: NO_EDITS,
	published: null,
	publishedAt: null,
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
		{ edits: unknown; published: unknown; published_at: Date | null; announced_at: Date | null; updated_at: Date }[]
	>`
		select edits, published, published_at, announced_at, updated_at
		from public.session_reports where session_id = ${sessionId}
	`;
	if (!row) return NOT_STORED;
	return {
		edits: readEdits(row.edits),
		published: readPublished(row.published),
		publishedAt: row.published_at,
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
	target: { eventId: string; sessionId: string },
	built: ReportDocument,
	actor: string,
	origin: string
): Promise<PublishOutcome> {
	let report = built;
	return transaction(sql, async (tx) => {
		// The event's lock, which withdrawing consent and anonymising take first: the report was
		// built before this transaction, so what changed since is applied under the lock.
		const event = await lockEvent(tx, target.eventId);
		if (!event || event.status === 'draft') throw new PublishRefused('Dit evenement is nog niet gepubliceerd: publiceer eerst het programma, dan pas het verslag.');
		report = await withCurrentConsent(tx, target.sessionId, report);
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
				// By the session's id: the agenda editor may renumber sessions before the mail is read.
				const readUrl = `${ctx.personalUrl}/verslag/${target.sessionId}`;
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

/** Publishing refused, with the reason in Dutch for the organizer. */
export class PublishRefused extends Error {}

/**
 * `report` with only what may still be shown now: names of people who (still) agree to be named,
 * take-aways still shared. Read under the event's lock, right before freezing.
 */
async function withCurrentConsent(tx: Sql, sessionId: string, report: ReportDocument): Promise<ReportDocument> {
	// Shared with a participant saving their take-away: it either waits for this publication
	// (and then takes its take-away out of it) or this reads what it saved.
	await tx`select id from public.session_participants where session_id = ${sessionId} order by id for share`;
	const people = await tx<{ participant_id: string | null; name: string; consent: boolean; shared: boolean }[]>`
		select p.id as participant_id, p.name,
			coalesce(r.participant_list_consent and r.anonymised_at is null and p.handed_over_at is null, false) as consent,
			p.takeaway_shared and coalesce(trim(p.takeaway), '') <> '' as shared
		from public.session_participants p
		left join public.registrations r on r.id = p.registration_id
		where p.session_id = ${sessionId}
		union all
		select null, r.name, r.participant_list_consent and r.anonymised_at is null, false
		from public.registration_sessions rs join public.registrations r on r.id = rs.registration_id
		where rs.session_id = ${sessionId} and rs.checked_in_at is not null
	`;
	const named = new Set(people.filter((person) => person.consent).map((person) => person.name));
	const sharing = new Set(people.filter((person) => person.shared && person.participant_id).map((person) => person.participant_id));
	return {
		...report,
		organisations: report.organisations.map((organisation) => ({ ...organisation, people: organisation.people.filter((name) => named.has(name)) })),
		takeaways: report.takeaways
			.filter((takeaway) => takeaway.participantId !== null && sharing.has(takeaway.participantId))
			.map((takeaway) => (takeaway.name !== null && !named.has(takeaway.name) ? { ...takeaway, name: null } : takeaway))
	};
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

/** Which published reports a rewrite touches: all of an event's, or one session's. */
type ReportScope = { eventId: string } | { sessionId: string };

/**
 * Changes published reports with `rewrite`, under the rows' locks (taken in session order), and
 * writes only those that changed. A report that can no longer be read (a format this version
 * does not know) cannot be checked, so it is taken offline rather than left as it is, with a
 * line in the audit log; the organizer publishes it again.
 */
async function rewritePublished(tx: Sql, scope: ReportScope, rewrite: (report: ReportDocument) => ReportDocument): Promise<void> {
	const rows = await tx<{ session_id: string; event_id: string; published: unknown }[]>`
		select r.session_id, s.event_id, r.published from public.session_reports r
		join public.event_sessions s on s.id = r.session_id
		where r.published is not null
			and ${'sessionId' in scope ? tx`r.session_id = ${scope.sessionId}` : tx`s.event_id = ${scope.eventId}`}
		order by r.session_id
		for update of r
	`;
	for (const row of rows) {
		const report = readPublished(row.published);
		if (!report) {
			await tx`update public.session_reports set published = null, published_at = null where session_id = ${row.session_id}`;
			await recordAudit(tx, {
				actor: 'systeem',
				action: 'report.unpublished',
				eventId: row.event_id,
				details: { sessionId: row.session_id, because: 'unreadable' }
			});
			continue;
		}
		const rewritten = rewrite(report);
		if (JSON.stringify(rewritten) === JSON.stringify(report)) continue;
		await tx`
			update public.session_reports set published = ${tx.json(rewritten as unknown as Parameters<Sql['json']>[0])}
			where session_id = ${row.session_id}
		`;
	}
}

/**
 * Takes a person out of an event's published reports, which are frozen copies: their name from
 * the organisations and take-aways (consent withdrawn, a hand-over, anonymised); the take-aways
 * of `participantIds` (their rows in the sessions) altogether; and with `scrub` every text run
 * through it (anonymised: their name or address written in a note or a summary). Call it in the
 * transaction that makes the change.
 */
export async function forgetPersonInReports(
	tx: Sql,
	eventId: string,
	person: { name: string; participantIds: string[]; scrub?: (text: string) => string }
): Promise<void> {
	const theirs = new Set(person.participantIds);
	await rewritePublished(tx, { eventId }, (report) => {
		const forgotten: ReportDocument = {
			...report,
			organisations: report.organisations.map((organisation) => ({
				...organisation,
				people: organisation.people.filter((name) => name !== person.name)
			})),
			takeaways: report.takeaways
				.filter((takeaway) => !(takeaway.participantId !== null && theirs.has(takeaway.participantId)))
				.map((takeaway) => (takeaway.name === person.name ? { ...takeaway, name: null } : takeaway))
		};
		return person.scrub ? mapTexts(forgotten, person.scrub) : forgotten;
	});
}

/** A participant no longer shares their take-away: it comes out of the session's published report. */
export async function withdrawTakeawayFromReports(tx: Sql, sessionId: string, participantId: string): Promise<void> {
	await rewritePublished(tx, { sessionId }, (report) => ({
		...report,
		takeaways: report.takeaways.filter((takeaway) => takeaway.participantId !== participantId)
	}));
}

/**
 * Runs `scrub` over the organizer's stored edits of an event's reports (introduction, summaries,
 * questions they typed): anonymising someone reaches what a later publication would be built from.
 */
export async function scrubReportEdits(tx: Sql, eventId: string, scrub: (text: string) => string): Promise<void> {
	const rows = await tx<{ session_id: string; edits: unknown }[]>`
		select r.session_id, r.edits from public.session_reports r
		join public.event_sessions s on s.id = r.session_id
		where s.event_id = ${eventId}
		order by r.session_id
		for update of r
	`;
	for (const row of rows) {
		const scrubbed = mapTexts(row.edits, scrub);
		if (JSON.stringify(scrubbed) === JSON.stringify(row.edits)) continue;
		await tx`update public.session_reports set edits = ${tx.json(scrubbed as Parameters<Sql['json']>[0])} where session_id = ${row.session_id}`;
	}
}

/** Every string in `value` (a report's JSON) through `change`. */
function mapTexts<T>(value: T, change: (text: string) => string): T {
	if (typeof value === 'string') return change(value) as T;
	if (Array.isArray(value)) return value.map((item) => mapTexts(item, change)) as T;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapTexts(item, change)])) as T;
	}
	return value;
}

/**
 * The published reports of an event, by session position. The position is the session's current
 * one (the agenda editor renumbers sessions by date), so links by number keep finding the report.
 */
export function publishedReports(sql: Sql, eventId: string): Promise<ReportDocument[]> {
	return readPublishedReports(sql, eventId, null);
}

/** The published report of the event's session at `position`, or null. */
export async function publishedReport(sql: Sql, eventId: string, position: number): Promise<ReportDocument | null> {
	const [report] = await readPublishedReports(sql, eventId, position);
	return report ?? null;
}

async function readPublishedReports(sql: Sql, eventId: string, position: number | null): Promise<ReportDocument[]> {
	const rows = await sql<{ published: unknown; position: number }[]>`
		select r.published, s.position from public.session_reports r
		join public.event_sessions s on s.id = r.session_id
		where s.event_id = ${eventId} and r.published is not null
			${position === null ? sql`` : sql`and s.position = ${position}`}
		order by s.position
	`;
	return rows.flatMap((row) => {
		const report = readPublished(row.published);
		return report ? [{ ...report, session: { ...report.session, position: row.position } }] : [];
	});
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
