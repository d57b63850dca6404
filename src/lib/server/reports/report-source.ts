import type { Sql } from '../db/database';

// Everything a session report is made of, read from the database in one go: the session and its
// agenda with the runs the live console recorded, each theme's canvas (the snapshot taken when
// the session closed, or the canvas as it is now before that), the dot votes, the shared
// take-aways and who took part. Building the report from it is pure (build-report.ts).

export interface ReportSourceSession {
	id: string;
	position: number;
	title: string;
	startsAt: Date;
	endsAt: Date;
	venue: string | null;
}

export interface ReportSourceAgendaItem {
	id: string;
	title: string;
	kind: 'plenary' | 'breakout' | 'break';
	startsAt: Date;
	endsAt: Date;
}

export interface ReportSourceRun {
	itemId: string | null;
	startedAt: Date;
	endedAt: Date | null;
}

export interface ReportSourceTheme {
	id: string;
	position: number;
	title: string;
	canvasId: string | null;
	/** The canvas as one Yjs update, and where it came from; null when the theme has no canvas. */
	canvas: { state: Uint8Array; source: 'snapshot' | 'current' } | null;
}

export interface ReportSourcePerson {
	/** A session participant's id; null for someone checked in at the door who never joined live. */
	participantId: string | null;
	/** Null unless the person agreed to be on the participant list (walk-ins never did). */
	consentedName: string | null;
	organisation: string;
	takeaway: string | null;
}

export interface ReportSource {
	event: { id: string; slug: string; title: string };
	session: ReportSourceSession;
	agenda: ReportSourceAgendaItem[];
	runs: ReportSourceRun[];
	themes: ReportSourceTheme[];
	/** Dot votes per note, by canvas id and note id. */
	votes: Map<string, Map<string, number>>;
	people: ReportSourcePerson[];
	/** Frame names whose notes are the design question, and those whose notes are handvatten. */
	noteKinds: NoteKindFrames;
}

export interface NoteKindFrames {
	questionFrames: ReadonlySet<string>;
	handvatFrames: ReadonlySet<string>;
}

/** The built-in techniques whose frames say what their notes are (seeded in the live-sessions migration). */
const QUESTION_TEMPLATE = 'ontwerpvraag';
const HANDVAT_TEMPLATE = 'actieplan';

/** Reads the canvas as it is now (the live room's document if loaded), for a session not closed yet. */
export type CurrentCanvasState = (canvasId: string) => Promise<Uint8Array | null>;

/** The source of one session's report, or null when the event has no such session. */
export async function loadReportSource(
	sql: Sql,
	eventSlug: string,
	sessionPosition: number,
	currentCanvas: CurrentCanvasState
): Promise<ReportSource | null> {
	const [session] = await sql<
		{
			event_id: string;
			event_slug: string;
			event_title: string;
			id: string;
			position: number;
			title: string;
			starts_at: Date;
			ends_at: Date;
			venue_name: string | null;
			venue_address: string | null;
			venue_city: string | null;
		}[]
	>`
		select e.id as event_id, e.slug as event_slug, e.title as event_title,
			s.id, s.position, s.title, s.starts_at, s.ends_at, s.venue_name, s.venue_address, s.venue_city
		from public.event_sessions s
		join public.events e on e.id = s.event_id
		where e.slug = ${eventSlug} and s.position = ${sessionPosition}
	`;
	if (!session) return null;

	const [agenda, runs, themeRows, voteRows, people, templates] = await Promise.all([
		sql<{ id: string; title: string; kind: ReportSourceAgendaItem['kind']; starts_at: Date; ends_at: Date }[]>`
			select id, title, kind, starts_at, ends_at from public.agenda_items
			where session_id = ${session.id} order by position
		`,
		sql<{ item_id: string | null; started_at: Date; ended_at: Date | null }[]>`
			select item_id, started_at, ended_at from public.agenda_item_runs
			where session_id = ${session.id} order by started_at
		`,
		sql<{ id: string; position: number; title: string; canvas_id: string | null; snapshot: Uint8Array | null }[]>`
			select t.id, t.position, t.title, c.id as canvas_id, snap.state as snapshot
			from public.themes t
			left join public.canvases c on c.theme_id = t.id
			left join public.canvas_session_snapshots snap on snap.canvas_id = c.id and snap.session_id = ${session.id}
			where t.event_id = ${session.event_id}
			order by t.position
		`,
		sql<{ canvas_id: string; note_id: string; votes: number }[]>`
			select canvas_id, note_id, count(*)::int as votes from public.session_votes
			where session_id = ${session.id} group by canvas_id, note_id
		`,
		loadPeople(sql, session.id),
		sql<{ slug: string; columns: string[] }[]>`
			select slug, array(select jsonb_array_elements(layout -> 'columns') ->> 'heading') as columns
			from public.canvas_templates where slug in (${QUESTION_TEMPLATE}, ${HANDVAT_TEMPLATE})
		`
	]);

	const themes: ReportSourceTheme[] = [];
	for (const row of themeRows) {
		let canvas: ReportSourceTheme['canvas'] = null;
		if (row.snapshot) canvas = { state: new Uint8Array(row.snapshot), source: 'snapshot' };
		else if (row.canvas_id) {
			const state = await currentCanvas(row.canvas_id);
			if (state) canvas = { state, source: 'current' };
		}
		themes.push({ id: row.id, position: row.position, title: row.title, canvasId: row.canvas_id, canvas });
	}

	const votes = new Map<string, Map<string, number>>();
	for (const row of voteRows) {
		const perNote = votes.get(row.canvas_id) ?? new Map<string, number>();
		perNote.set(row.note_id, row.votes);
		votes.set(row.canvas_id, perNote);
	}

	const columnsOf = (slug: string) => templates.find((template) => template.slug === slug)?.columns ?? [];
	// Of "Hoe kunnen wij …", "… zodat …" and "Onze ontwerpvraag", only the last holds the question.
	const questionColumns = columnsOf(QUESTION_TEMPLATE);
	const questionFrames = new Set(questionColumns.slice(-1));

	return {
		event: { id: session.event_id, slug: session.event_slug, title: session.event_title },
		session: {
			id: session.id,
			position: session.position,
			title: session.title,
			startsAt: session.starts_at,
			endsAt: session.ends_at,
			venue: [session.venue_name, session.venue_address, session.venue_city].filter((part) => part !== null && part.trim() !== '').join(', ') || null
		},
		agenda: agenda.map((item) => ({ id: item.id, title: item.title, kind: item.kind, startsAt: item.starts_at, endsAt: item.ends_at })),
		runs: runs.map((run) => ({ itemId: run.item_id, startedAt: run.started_at, endedAt: run.ended_at })),
		themes,
		votes,
		people,
		noteKinds: { questionFrames, handvatFrames: new Set(columnsOf(HANDVAT_TEMPLATE)) }
	};
}

/**
 * Who took part: everyone who joined the live session (registered or walk-in), and anyone
 * checked in at the door for this session who never opened the room. A name only with the
 * registration's consent to the participant list, and never of an anonymised registration
 * (which still counts, with its organisation).
 */
async function loadPeople(sql: Sql, sessionId: string): Promise<ReportSourcePerson[]> {
	const rows = await sql<
		{ participant_id: string | null; name: string; organisation: string; takeaway: string | null; consent: boolean }[]
	>`
		select p.id as participant_id,
			p.name,
			coalesce(r.organisation_name, p.organisation_name) as organisation,
			case when p.takeaway_shared then nullif(trim(p.takeaway), '') end as takeaway,
			-- The registration's consent is the consent of whoever holds it now: it counts for the
			-- person who took part only while that is still them (not after a hand-over).
			coalesce(r.participant_list_consent and r.anonymised_at is null and p.handed_over_at is null, false) as consent
		from public.session_participants p
		left join public.registrations r on r.id = p.registration_id
		where p.session_id = ${sessionId}
		union all
		select null, r.name, r.organisation_name, null, r.participant_list_consent and r.anonymised_at is null
		from public.registration_sessions rs
		join public.registrations r on r.id = rs.registration_id
		where rs.session_id = ${sessionId}
			and rs.checked_in_at is not null
			and not exists (
				select 1 from public.session_participants p
				where p.session_id = rs.session_id and p.registration_id = r.id and p.handed_over_at is null
			)
	`;
	return rows.map((row) => ({
		participantId: row.participant_id,
		consentedName: row.consent ? row.name : null,
		organisation: row.organisation,
		takeaway: row.takeaway
	}));
}
