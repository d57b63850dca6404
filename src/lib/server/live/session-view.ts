import { z } from 'zod';
import { canvasLockSchema } from '$lib/live/canvas-lock';
import type { ParticipantView, SessionMember, SessionView } from '$lib/live/session-view';
import { followBoundsSchema, sessionViewSchema } from '$lib/live/session-view';
import type { Sql } from '../db/database';
import { takesPart } from './participants';

/** The text of each note on a canvas, by note id (read from the live or stored document). */
export type NoteTexts = (canvasId: string) => Promise<Map<string, string>>;

/** What `loadSessionView` returns: the shared view, and each participant's own part. */
export interface LoadedSession {
	view: SessionView;
	eventId: string;
	/** The personal part for one participant; null for someone not in this session. */
	personal(participantId: string): ParticipantView | null;
	/** Whether a participant still takes part (a place cancelled, anonymised or handed over does not). */
	takesPart(participantId: string): boolean;
}

const liveRowSchema = z.object({
	session_id: z.uuid(),
	session_title: z.string(),
	session_position: z.number(),
	event_id: z.uuid(),
	event_slug: z.string(),
	event_title: z.string(),
	join_code: z.string(),
	walk_ins_allowed: z.boolean(),
	status: z.enum(['not-started', 'running', 'paused', 'ended']),
	current_item_id: z.uuid().nullable(),
	deadline: z.date().nullable(),
	remaining_ms: z.number().nullable(),
	breakout_mode: z.enum(['choose', 'assigned']),
	follow_theme_id: z.uuid().nullable(),
	follow_bounds: followBoundsSchema.nullable().catch(null),
	silent_revealed: z.boolean(),
	hide_cursors: z.boolean(),
	voting_item_id: z.uuid().nullable(),
	votes_per_person: z.number(),
	chime: z.boolean(),
	version: z.coerce.number(),
	updated_at: z.date()
});

/**
 * Reads a live session whole: agenda, timer, theme groups with who is online, silent writing,
 * voting results, shared take-aways and earlier sessions' snapshots. Null for an unknown session.
 * `online` holds the participants connected now (the session channel knows).
 */
export async function loadSessionView(
	sql: Sql,
	sessionId: string,
	online: ReadonlySet<string>,
	noteTexts: NoteTexts
): Promise<LoadedSession | null> {
	const [raw] = await sql`
		select s.id as session_id, s.title as session_title, s.position as session_position,
			e.id as event_id, e.slug as event_slug, e.title as event_title, l.*
		from public.live_sessions l
		join public.event_sessions s on s.id = l.session_id
		join public.events e on e.id = s.event_id
		where l.session_id = ${sessionId}
	`;
	if (!raw) return null;
	const live = liveRowSchema.parse(raw);

	// Every theme has its canvas before anyone is sent to it.
	await sql`
		insert into public.canvases (theme_id)
		select id from public.themes where event_id = ${live.event_id}
		on conflict (theme_id) do nothing
	`;
	const [items, themes, participants, runs, takeaways, lookBack] = await Promise.all([
		sql<
			{
				id: string;
				position: number;
				title: string;
				kind: 'plenary' | 'breakout' | 'break';
				starts_at: Date;
				ends_at: Date;
				silent_writing: boolean;
				template_id: string | null;
				template_name: string | null;
				theme_position: number | null;
			}[]
		>`
			select a.id, a.position, a.title, a.kind, a.starts_at, a.ends_at, a.silent_writing, a.template_id,
				t.name as template_name, th.position as theme_position
			from public.agenda_items a
			left join public.canvas_templates t on t.id = a.template_id
			left join public.themes th on th.id = a.theme_id
			where a.session_id = ${sessionId}
			order by a.position
		`,
		sql<{ id: string; position: number; title: string; canvas_id: string; lock: string }[]>`
			select t.id, t.position, t.title, c.id as canvas_id, c.lock
			from public.themes t join public.canvases c on c.theme_id = t.id
			where t.event_id = ${live.event_id}
			order by t.position
		`,
		sql<
			{
				id: string;
				name: string;
				organisation_name: string;
				registration_id: string | null;
				theme_id: string | null;
				ready_item_id: string | null;
				takeaway: string | null;
				takeaway_shared: boolean;
				taking_part: boolean;
			}[]
		>`
			select p.id, p.name, p.organisation_name, p.registration_id, p.theme_id, p.ready_item_id, p.takeaway, p.takeaway_shared,
				${takesPart(sql)} as taking_part
			from public.session_participants p
			left join public.registrations r on r.id = p.registration_id
			-- Someone who handed their place over has left the room (their votes still count).
			where p.session_id = ${sessionId} and p.handed_over_at is null
			order by p.name, p.id
		`,
		sql<{ id: string; item_id: string | null }[]>`
			select id, item_id from public.agenda_item_runs
			where session_id = ${sessionId} and ended_at is null
			order by started_at desc limit 1
		`,
		sql<{ id: string; takeaway: string; name: string }[]>`
			select id, takeaway, name from public.session_participants
			where session_id = ${sessionId} and takeaway_shared and coalesce(takeaway, '') <> ''
			order by joined_at
		`,
		sql<{ session_position: number; session_title: string; theme_position: number; theme_title: string }[]>`
			select s.position as session_position, s.title as session_title, t.position as theme_position, t.title as theme_title
			from public.canvas_session_snapshots cs
			join public.event_sessions s on s.id = cs.session_id
			join public.canvases c on c.id = cs.canvas_id
			join public.themes t on t.id = c.theme_id
			where s.event_id = ${live.event_id} and s.position < ${live.session_position}
			order by s.position, t.position
		`
	]);

	const current = items.find((item) => item.id === live.current_item_id) ?? null;
	const ready = (participant: { ready_item_id: string | null }) =>
		live.current_item_id !== null && participant.ready_item_id === live.current_item_id;
	const member = (participant: (typeof participants)[number]): SessionMember => ({
		id: participant.id,
		name: participant.name,
		organisation: participant.organisation_name,
		walkIn: participant.registration_id === null,
		online: online.has(participant.id),
		ready: ready(participant)
	});

	const votes = live.voting_item_id
		? await sql<{ participant_id: string; canvas_id: string; note_id: string }[]>`
				select participant_id, canvas_id, note_id from public.session_votes
				where session_id = ${sessionId} and item_id = ${live.voting_item_id}
			`
		: [];
	const votingResults = live.voting_item_id ? await countVotes(votes, themes, noteTexts) : [];
	const candidates = live.voting_item_id ? await votingCandidates(themes, noteTexts) : [];

	const currentRun = runs[0];
	const view: SessionView = {
		version: live.version,
		sessionId,
		sessionTitle: live.session_title,
		eventSlug: live.event_slug,
		eventTitle: live.event_title,
		joinCode: live.join_code,
		walkInsAllowed: live.walk_ins_allowed,
		status: live.status,
		items: items.map((item) => ({
			id: item.id,
			position: item.position,
			title: item.title,
			kind: item.kind,
			startsAt: item.starts_at.toISOString(),
			endsAt: item.ends_at.toISOString(),
			silentWriting: item.silent_writing,
			templateId: item.template_id,
			templateName: item.template_name,
			themePosition: item.theme_position
		})),
		currentItemId: live.current_item_id,
		deadline: live.status === 'running' && live.deadline ? live.deadline.toISOString() : null,
		remainingMs: live.status === 'paused' ? live.remaining_ms : null,
		plannedMs: current ? current.ends_at.getTime() - current.starts_at.getTime() : null,
		themes: themes.map((theme) => ({
			id: theme.id,
			position: theme.position,
			title: theme.title,
			canvasId: theme.canvas_id,
			lock: canvasLockSchema.catch('open').parse(theme.lock),
			members: participants.filter((participant) => participant.theme_id === theme.id).map(member)
		})),
		unassigned: participants.filter((participant) => !themes.some((theme) => theme.id === participant.theme_id)).map(member),
		breakoutMode: live.breakout_mode,
		follow: (() => {
			const theme = themes.find((candidate) => candidate.id === live.follow_theme_id);
			return theme && live.follow_bounds
				? { themePosition: theme.position, bounds: live.follow_bounds, key: `${live.version}` }
				: null;
		})(),
		silent:
			current?.silent_writing && currentRun && live.status !== 'ended' && live.status !== 'not-started'
				? { round: currentRun.id, revealed: live.silent_revealed }
				: null,
		hideCursors: live.hide_cursors,
		chime: live.chime,
		ready: { count: participants.filter(ready).length, total: participants.length },
		voting: live.voting_item_id
			? { itemId: live.voting_item_id, votesPerPerson: live.votes_per_person, candidates, results: votingResults }
			: null,
		takeaways: takeaways.map((row) => ({ id: row.id, text: row.takeaway, name: row.name })),
		lookBack: lookBack.map((row) => ({
			sessionPosition: row.session_position,
			sessionTitle: row.session_title,
			themePosition: row.theme_position,
			themeTitle: row.theme_title
		}))
	};

	return {
		view: sessionViewSchema.parse(view),
		eventId: live.event_id,
		takesPart(participantId) {
			return participants.some((candidate) => candidate.id === participantId && candidate.taking_part);
		},
		personal(participantId) {
			const participant = participants.find((candidate) => candidate.id === participantId);
			if (!participant) return null;
			const mine = votes.filter((vote) => vote.participant_id === participantId);
			const myVotes: Record<string, number> = {};
			for (const vote of mine) myVotes[vote.note_id] = (myVotes[vote.note_id] ?? 0) + 1;
			return {
				participantId,
				name: participant.name,
				themePosition: themes.find((theme) => theme.id === participant.theme_id)?.position ?? null,
				ready: ready(participant),
				votesLeft: live.voting_item_id ? Math.max(0, live.votes_per_person - mine.length) : 0,
				myVotes,
				takeaway: participant.takeaway ?? '',
				takeawayShared: participant.takeaway_shared
			};
		}
	};
}

/** The notes of every theme canvas, in reading order: what participants vote on. */
async function votingCandidates(themes: { position: number; canvas_id: string }[], noteTexts: NoteTexts) {
	const candidates: NonNullable<SessionView['voting']>['candidates'] = [];
	for (const theme of themes) {
		const notes = await noteTexts(theme.canvas_id).catch(() => new Map<string, string>());
		for (const [noteId, text] of notes) if (text) candidates.push({ themePosition: theme.position, noteId, text });
	}
	return candidates;
}

/** Votes per note, most first; a note deleted since it got votes is shown as such. */
async function countVotes(
	votes: { canvas_id: string; note_id: string }[],
	themes: { position: number; canvas_id: string }[],
	noteTexts: NoteTexts
): Promise<NonNullable<SessionView['voting']>['results']> {
	const counts = new Map<string, { canvasId: string; noteId: string; count: number }>();
	for (const vote of votes) {
		const key = `${vote.canvas_id} ${vote.note_id}`;
		const entry = counts.get(key) ?? { canvasId: vote.canvas_id, noteId: vote.note_id, count: 0 };
		entry.count++;
		counts.set(key, entry);
	}
	const texts = new Map<string, Map<string, string>>();
	for (const canvasId of new Set([...counts.values()].map((entry) => entry.canvasId))) {
		texts.set(canvasId, await noteTexts(canvasId).catch(() => new Map<string, string>()));
	}
	return [...counts.values()]
		.map((entry) => ({
			themePosition: themes.find((theme) => theme.canvas_id === entry.canvasId)?.position ?? 0,
			noteId: entry.noteId,
			text: texts.get(entry.canvasId)?.get(entry.noteId) ?? '(notitie verwijderd)',
			count: entry.count
		}))
		.sort((a, b) => b.count - a.count || a.themePosition - b.themePosition || a.text.localeCompare(b.text, 'nl'));
}
