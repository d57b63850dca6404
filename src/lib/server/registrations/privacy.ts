import { recordAudit } from '../audit/audit-log';
import { forgetPersonInReports, publishedReports, scrubReportEdits, withdrawTakeawayFromReports } from '../reports/report-store';
import type { Sql } from '../db/database';
import { lockEvent } from './seats';
import { newAccessToken } from './access-token';

/**
 * The participant's rights under the AVG (GDPR) and the retention rule: a copy of everything
 * stored about one person (right of access), and anonymisation — on request, or by
 * `anonymiseExpired` once an event's retention period has passed.
 *
 * Anonymising keeps what the organisation must keep or may keep without naming anyone: the
 * organisation and its invoice details (bookkeeping keeps those seven years), the fact that a
 * place was taken and who checked in, that mails were sent and what they were about. It removes
 * the person: name, e-mail, phone, job title, needs, consent, personal link, and their traces
 * in the audit log and in the mails' bodies and recipients.
 */

export const ANONYMISED_NAME = 'Geanonimiseerd';

/** The placeholder e-mail: unique per registration, and on a domain that can never receive mail. */
export function anonymisedEmail(registrationId: string): string {
	return `geanonimiseerd+${registrationId}@invalid`;
}

/** Keys of audit details that name a person (the substitution line names both people). */
const PERSONAL_DETAIL_KEYS = ['previous', 'next', 'name', 'email', 'phone', 'jobTitle', 'needs', 'recipient'];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces every occurrence of any of `secrets` in the strings of a JSON value, ignoring case. */
function scrub(value: Json, secrets: string[]): Json {
	if (typeof value === 'string') return scrubText(value, secrets);
	if (Array.isArray(value)) return value.map((item) => scrub(item, secrets));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, secrets)]));
	}
	return value;
}

/**
 * Replaces each secret where it stands as a whole word (or words), ignoring case. Whole words
 * only, and at least three characters: a participant called "An" must not turn "Annuleren" into
 * "Geanonimiseerdnuleren".
 */
export function scrubText(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.trim().length < 3) continue;
		const escaped = secret.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'giu');
		result = result.replace(pattern, ANONYMISED_NAME);
	}
	return result;
}

function withoutKeys(details: Record<string, Json>, keys: string[], keep: (key: string, value: Json) => boolean = () => false) {
	return Object.fromEntries(Object.entries(details).filter(([key, value]) => !keys.includes(key) || keep(key, value)));
}

function inTransaction<T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
	return sql.begin((transaction) => work(transaction as unknown as Sql)) as Promise<T>;
}

export interface PersonalDataExport {
	exportedAt: string;
	explanation: string;
	event: { title: string; slug: string };
	registration: Record<string, unknown>;
	sessions: { title: string; startsAt: Date; endsAt: Date; checkedInAt: Date | null; checkedInBy: string | null }[];
	history: { at: Date; actor: string; action: string; details: Record<string, Json> }[];
	/** Taking part in live sessions: when, under which name, in which theme, and the take-away. */
	liveSessions: { session: string; joinedAt: Date; name: string; theme: string | null; takeaway: string | null; takeawayShared: boolean; votes: number }[];
	/** Published session reports that name this person or quote what they shared. */
	publishedReports: { session: string; named: boolean; takeaway: string | null }[];
	mails: {
		id: number;
		kind: string;
		recipient: string;
		subject: string;
		status: string;
		createdAt: Date;
		sentAt: Date | null;
		text: string;
		attachments: string[];
	}[];
}

/**
 * Everything stored about the person of one registration, as JSON (right of access, art. 15
 * AVG). Mails to someone else about the same place (the colleague who handed it over) and names
 * of other people in the history are left out: they are about someone else. The personal link's
 * secret is left out too: it is a key, not information about the person, and a file like this
 * gets forwarded. With `actor`, the export itself is written to the audit log.
 */
export async function exportPersonalData(
	sql: Sql,
	registrationId: string,
	options: { actor?: string; now?: Date } = {}
): Promise<PersonalDataExport | null> {
	const [row] = await sql<
		{
			event_id: string;
			event_title: string;
			event_slug: string;
			registration: Record<string, unknown> & { name: string; email: string };
		}[]
	>`
		select r.event_id, e.title as event_title, e.slug as event_slug,
			json_build_object(
				'id', r.id, 'status', r.status, 'name', r.name, 'email', r.email, 'phone', r.phone, 'jobTitle', r.job_title,
				'organisation', json_build_object('name', r.organisation_name, 'code', r.organisation_code, 'other', r.organisation_other),
				'hasInnovationScheme', r.has_innovation_scheme, 'needs', r.needs,
				'participantListConsent', r.participant_list_consent, 'privacyConsentAt', r.privacy_consent_at,
				'invoice', json_build_object(
					'name', r.billing_name, 'department', r.billing_department, 'street', r.billing_street,
					'postcode', r.billing_postcode, 'city', r.billing_city, 'email', r.billing_email,
					'purchaseOrder', r.purchase_order, 'reference', r.billing_reference, 'costCentre', r.cost_centre
				),
				'createdAt', r.created_at, 'updatedAt', r.updated_at, 'statusChangedAt', r.status_changed_at,
				'anonymisedAt', r.anonymised_at
			) as registration
		from public.registrations r join public.events e on e.id = r.event_id
		where r.id = ${registrationId}
	`;
	if (!row) return null;
	const own = row.registration;
	const sessions = await sql<PersonalDataExport['sessions']>`
		select s.title, s.starts_at as "startsAt", s.ends_at as "endsAt", rs.checked_in_at as "checkedInAt", rs.checked_in_by as "checkedInBy"
		from public.registration_sessions rs join public.event_sessions s on s.id = rs.session_id
		where rs.registration_id = ${registrationId}
		order by s.position
	`;
	const auditLines = await sql<{ at: Date; actor: string; action: string; details: Record<string, Json> }[]>`
		select at, actor, action, details from public.audit_log where registration_id = ${registrationId} order by at, id
	`;
	const history = auditLines.map((line) => ({
		...line,
		details: withoutKeys(line.details, PERSONAL_DETAIL_KEYS, (_key, value) => value === own.name || value === own.email)
	}));
	const mailRows = await sql<
		{
			id: string;
			kind: string;
			recipient: string;
			subject: string;
			status: string;
			createdAt: Date;
			sentAt: Date | null;
			text: string;
			attachments: { filename?: unknown }[];
		}[]
	>`
		select id, kind, recipient, subject, status, created_at as "createdAt", sent_at as "sentAt", text_body as text, attachments
		from public.outbox
		where registration_id = ${registrationId} and lower(recipient) = lower(${own.email})
		order by id
	`;
	const mails = mailRows.map((mail) => ({
		...mail,
		id: Number(mail.id),
		attachments: mail.attachments.flatMap((attachment) => (typeof attachment.filename === 'string' ? [attachment.filename] : []))
	}));
	const liveRows = await sql<(PersonalDataExport['liveSessions'][number] & { participantId: string })[]>`
		select p.id as "participantId", s.title as session, p.joined_at as "joinedAt", p.name, t.title as theme, p.takeaway,
			p.takeaway_shared as "takeawayShared",
			(select count(*)::int from public.session_votes v where v.participant_id = p.id) as votes
		from public.session_participants p
		join public.event_sessions s on s.id = p.session_id
		left join public.themes t on t.id = p.theme_id
		-- Not what the person who held the place before took part with: that is not this person's.
		where p.registration_id = ${registrationId} and p.handed_over_at is null
		order by s.position
	`;
	const liveSessions = liveRows.map(({ participantId: _, ...session }) => session);
	const theirs = new Set(liveRows.map((session) => session.participantId));
	const publishedReportsAbout = (await publishedReports(sql, row.event_id)).flatMap((report) => {
		const named = report.organisations.some((organisation) => organisation.people.includes(own.name));
		const takeaway = report.takeaways.find((candidate) => candidate.participantId !== null && theirs.has(candidate.participantId));
		return named || takeaway ? [{ session: report.session.title, named, takeaway: takeaway?.text ?? null }] : [];
	});
	const now = options.now ?? new Date();
	if (options.actor) {
		await recordAudit(sql, {
			actor: options.actor,
			action: 'registration.personal-data-exported',
			eventId: row.event_id,
			registrationId
		});
	}
	return {
		exportedAt: now.toISOString(),
		explanation:
			'Alle gegevens die de organisatie van de ontwerpsessies over deze aanmelding heeft opgeslagen: de aanmelding zelf, de sessies met aanwezigheid, de deelname aan live sessies, gepubliceerde verslagen waarin deze persoon staat, de geschiedenis van wijzigingen en de e-mails die naar deze persoon zijn gestuurd.',
		event: { title: row.event_title, slug: row.event_slug },
		registration: own,
		sessions,
		history,
		liveSessions,
		publishedReports: publishedReportsAbout,
		mails
	};
}

export type AnonymiseReason = 'request' | 'retention';

/**
 * Anonymises one registration in one transaction. Returns false when it already was.
 *
 * A live registration is cancelled first, and the freed place is NOT handed to the waiting
 * list: after the retention period the event is long over (a "you have a place" mail would be
 * nonsense), and on an erasure request before the event the organizer decides who gets the
 * place — as with "naar de wachtlijst" — through "Wachtlijst aanvullen" or "Plaats geven".
 * Nobody is mailed: the only address there was is the one being erased.
 */
export async function anonymiseRegistration(
	sql: Sql,
	registrationId: string,
	actor: string,
	options: { now?: Date; reason?: AnonymiseReason } = {}
): Promise<boolean> {
	const now = options.now ?? new Date();
	return inTransaction(sql, async (tx) => {
		const [found] = await tx<{ event_id: string }[]>`select event_id from public.registrations where id = ${registrationId}`;
		if (!found) return false;
		// Event first, then the registration: the lock order of every other change to a place.
		await lockEvent(tx, found.event_id);
		const [registration] = await tx<{ id: string; status: string; name: string; email: string; phone: string | null; anonymised_at: Date | null }[]>`
			select id, status, name, email, phone, anonymised_at from public.registrations where id = ${registrationId} for update
		`;
		if (!registration || registration.anonymised_at !== null) return false;

		const auditLines = await tx<{ id: string; details: Record<string, Json> }[]>`
			select id, details from public.audit_log where registration_id = ${registrationId}
		`;
		const mails = await tx<{ recipient: string }[]>`
			select distinct recipient from public.outbox where registration_id = ${registrationId}
		`;
		// Everyone who held this place: the current person and anyone who handed it over.
		const secrets = new Set<string>([registration.name, registration.email]);
		if (registration.phone) secrets.add(registration.phone);
		for (const line of auditLines) {
			for (const key of PERSONAL_DETAIL_KEYS) {
				const value = line.details[key];
				if (typeof value === 'string') secrets.add(value);
			}
		}
		for (const mail of mails) if (mail.recipient) secrets.add(mail.recipient);
		// Longest first, so "Jan de Vries" is replaced before a shorter "Jan" could break it up.
		const secretList = [...secrets].sort((a, b) => b.length - a.length);

		if (registration.status !== 'cancelled') {
			await tx`
				update public.registrations set status = 'cancelled', status_changed_at = ${now}, updated_at = ${now}
				where id = ${registrationId}
			`;
			await recordAudit(tx, {
				actor,
				action: 'registration.cancelled',
				eventId: found.event_id,
				registrationId,
				details: { from: registration.status, because: 'anonymised' }
			});
		}
		await tx`
			update public.registrations
			set name = ${ANONYMISED_NAME}, email = ${anonymisedEmail(registrationId)}, phone = null,
				job_title = ${ANONYMISED_NAME}, needs = null, participant_list_consent = false,
				access_token = ${newAccessToken()}, anonymised_at = ${now}, updated_at = ${now}
			where id = ${registrationId}
		`;
		// The invoice details stay for the bookkeeping, but not the person in them: their own
		// address given as the invoice address, or their name in a reference ("t.a.v. …").
		const [billing] = await tx<Record<'billing_name' | 'billing_department' | 'billing_reference' | 'cost_centre' | 'billing_email', string | null>[]>`
			select billing_name, billing_department, billing_reference, cost_centre, billing_email
			from public.registrations where id = ${registrationId}
		`;
		if (billing) {
			const clean = (value: string | null) => (value === null ? null : scrubText(value, secretList));
			const ownAddress = [...secrets].some((secret) => secret.toLowerCase() === (billing.billing_email ?? '').toLowerCase());
			await tx`
				update public.registrations
				set billing_name = ${clean(billing.billing_name)}, billing_department = ${clean(billing.billing_department)},
					billing_reference = ${clean(billing.billing_reference)}, cost_centre = ${clean(billing.cost_centre)},
					billing_email = ${ownAddress ? anonymisedEmail(registrationId) : billing.billing_email}
				where id = ${registrationId}
			`;
		}
		for (const line of auditLines) {
			const details = scrub(withoutKeys(line.details, PERSONAL_DETAIL_KEYS), secretList);
			await tx`update public.audit_log set details = ${tx.json(details as Parameters<Sql['json']>[0])} where id = ${line.id}`;
		}
		const outbox = await tx<{ id: string; subject: string; last_error: string | null }[]>`
			select id, subject, last_error from public.outbox where registration_id = ${registrationId}
		`;
		for (const mail of outbox) {
			await tx`
				update public.outbox
				set recipient = '', text_body = '', html_body = null,
					subject = ${scrubText(mail.subject, secretList)},
					last_error = ${mail.last_error === null ? null : scrubText(mail.last_error, secretList)},
					-- Keep which files were attached, not what was in them.
					attachments = coalesce((
						select jsonb_agg(jsonb_build_object('filename', a ->> 'filename', 'contentType', a ->> 'contentType', 'content', ''))
						from jsonb_array_elements(attachments) a
					), '[]'::jsonb)
				where id = ${mail.id}
			`;
		}
		// In live sessions, everyone who held the place. (Participant rows before report rows: the
		// order a participant saving a take-away takes them in too.)
		const participantIds = await clearFromLiveSessions(tx, { registrationId });
		// Published reports are frozen copies: their name and what they shared come out there too,
		// and their name or address from the texts; so too from the organizer's edits.
		await forgetPersonInReports(tx, found.event_id, {
			name: registration.name,
			participantIds,
			scrub: (text) => scrubText(text, secretList)
		});
		await scrubReportEdits(tx, found.event_id, (text) => scrubText(text, secretList));
		// A mail still waiting has nobody left to go to.
		await tx`
			update public.outbox set status = 'failed', last_error = 'Niet verzonden: de aanmelding is geanonimiseerd.'
			where registration_id = ${registrationId} and status = 'pending'
		`;
		await recordAudit(tx, {
			actor,
			action: 'registration.anonymised',
			eventId: found.event_id,
			registrationId,
			details: { reason: options.reason ?? 'request' }
		});
		return true;
	});
}

/** Event `e`'s retention period has passed at `now`: its last session ended more than `retention_days` ago. */
function retentionPassed(sql: Sql, now: Date) {
	return sql`(select max(last.ends_at) from public.event_sessions last where last.event_id = e.id)
		+ make_interval(days => e.retention_days) < ${now}`;
}

/**
 * The retention job: anonymises every registration of every event whose last session ended
 * more than that event's `retention_days` ago. One transaction per registration, so a failure
 * halfway keeps what was done and the next run picks up the rest. Returns how many it did.
 */
export async function anonymiseExpired(sql: Sql, now: Date): Promise<number> {
	const due = await sql<{ id: string }[]>`
		select r.id
		from public.registrations r
		join public.events e on e.id = r.event_id
		where r.anonymised_at is null and ${retentionPassed(sql, now)}
		order by r.event_id, r.sequence
	`;
	let count = 0;
	for (const { id } of due) {
		if (await anonymiseRegistration(sql, id, 'systeem', { now, reason: 'retention' })) count += 1;
	}
	return count;
}

/**
 * Takes a person out of live-session rows: no name beside their notes' group, no take-away on the
 * wall, their devices signed out; the organisation and their votes (as counts) stay. All rows of a
 * registration (everyone who held the place), a walk-in's row, or, on a hand-over, the rows of the
 * person leaving the place, which then no longer belong to it. Returns the rows' ids.
 */
export async function clearFromLiveSessions(
	tx: Sql,
	rows: { registrationId: string; handOver?: boolean } | { participantId: string }
): Promise<string[]> {
	const handOver = 'registrationId' in rows && rows.handOver === true;
	const where =
		'participantId' in rows
			? tx`id = ${rows.participantId}`
			: handOver
				? tx`registration_id = ${rows.registrationId} and handed_over_at is null`
				: tx`registration_id = ${rows.registrationId}`;
	const cleared = await tx<{ id: string }[]>`
		update public.session_participants
		set name = ${ANONYMISED_NAME}, takeaway = null, takeaway_shared = false,
			handed_over_at = ${handOver ? tx`now()` : tx`handed_over_at`}
		where ${where}
		returning id
	`;
	const ids = cleared.map((row) => row.id);
	if (ids.length > 0) await tx`delete from public.session_participant_devices where participant_id in ${tx(ids)}`;
	return ids;
}

/**
 * The retention rule for walk-ins, who joined a live session with a name and organisation but no
 * registration: once the event's retention period has passed, their name and take-away go (also
 * from a published report) and their devices are signed out. The organisation stays, as for
 * registrations. Returns how many were anonymised.
 */
export async function anonymiseExpiredWalkIns(sql: Sql, now: Date): Promise<number> {
	const due = await sql<{ id: string; session_id: string }[]>`
		select p.id, p.session_id
		from public.session_participants p
		join public.event_sessions s on s.id = p.session_id
		join public.events e on e.id = s.event_id
		where p.registration_id is null and p.name <> ${ANONYMISED_NAME} and ${retentionPassed(sql, now)}
		order by p.session_id, p.joined_at
	`;
	for (const walkIn of due) {
		await inTransaction(sql, async (tx) => {
			await clearFromLiveSessions(tx, { participantId: walkIn.id });
			await withdrawTakeawayFromReports(tx, walkIn.session_id, walkIn.id);
		});
	}
	return due.length;
}
