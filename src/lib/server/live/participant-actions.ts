import { z } from 'zod';
import { withdrawTakeawayFromReports } from '../reports/report-store';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';

/**
 * What a participant does in the room: choose a theme (when the facilitator lets them), say
 * "ik ben klaar", give dot votes, and write down what they take home. Every action checks the
 * session's state on the server; the room's buttons only mirror it.
 */

export class ParticipantActionRefused extends Error {
	override name = 'ParticipantActionRefused';
}

export const takeawaySchema = z.object({
	meenemen: z.string().trim().max(500, 'Houd het kort: hoogstens 500 tekens.'),
	delen: z.literal('ja').optional().transform((value) => value === 'ja')
});

/** A tldraw note id as it stands in the canvas document. */
export const noteIdSchema = z.string().regex(/^shape:[A-Za-z0-9_-]{1,64}$/, 'Deze notitie bestaat niet.');

async function bumpVersion(tx: Sql, sessionId: string): Promise<void> {
	await tx`update public.live_sessions set version = version + 1, updated_at = now() where session_id = ${sessionId}`;
}

/**
 * The session's state, under the session row's lock: participant actions and facilitator commands
 * of one session take turns (each a few milliseconds). A share lock would deadlock: two actions
 * both holding it could never bump the version.
 */
async function liveState(tx: Sql, sessionId: string) {
	const [live] = await tx<
		{ status: string; current_item_id: string | null; breakout_mode: string; voting_item_id: string | null; votes_per_person: number; event_id: string }[]
	>`
		select l.status, l.current_item_id, l.breakout_mode, l.voting_item_id, l.votes_per_person, s.event_id
		from public.live_sessions l join public.event_sessions s on s.id = l.session_id
		where l.session_id = ${sessionId} for update of l
	`;
	if (!live) throw new ParticipantActionRefused('Deze sessie bestaat niet.');
	if (live.status === 'ended') throw new ParticipantActionRefused('De sessie is afgesloten.');
	return live;
}

/** A participant picks their theme group, only while the facilitator lets people choose. */
export async function chooseTheme(sql: Sql, sessionId: string, participantId: string, themePosition: number): Promise<void> {
	await transaction(sql, async (tx) => {
		const live = await liveState(tx, sessionId);
		if (live.breakout_mode !== 'choose') throw new ParticipantActionRefused('De begeleider deelt de groepen in; kiezen kan nu niet.');
		const [theme] = await tx<{ id: string }[]>`select id from public.themes where event_id = ${live.event_id} and position = ${themePosition}`;
		if (!theme) throw new ParticipantActionRefused('Dat thema bestaat niet.');
		await tx`update public.session_participants set theme_id = ${theme.id} where id = ${participantId} and session_id = ${sessionId}`;
		await bumpVersion(tx, sessionId);
	});
}

/** "Ik ben klaar" for the current item, or taking it back. */
export async function setReady(sql: Sql, sessionId: string, participantId: string, ready: boolean): Promise<void> {
	await transaction(sql, async (tx) => {
		const live = await liveState(tx, sessionId);
		if (!live.current_item_id) throw new ParticipantActionRefused('De sessie is nog niet begonnen.');
		await tx`
			update public.session_participants set ready_item_id = ${ready ? live.current_item_id : null}
			where id = ${participantId} and session_id = ${sessionId}
		`;
		await bumpVersion(tx, sessionId);
	});
}

/** The personal take-away ("Wat neem je mee van vandaag?"), optionally shared on the wall. */
export async function saveTakeaway(sql: Sql, sessionId: string, participantId: string, text: string, shared: boolean): Promise<void> {
	await transaction(sql, async (tx) => {
		await liveState(tx, sessionId);
		const [before] = await tx<{ takeaway_shared: boolean }[]>`
			select takeaway_shared from public.session_participants where id = ${participantId} and session_id = ${sessionId} for update
		`;
		await tx`
			update public.session_participants set takeaway = ${text || null}, takeaway_shared = ${shared && text.length > 0}
			where id = ${participantId} and session_id = ${sessionId}
		`;
		// No longer shared: out of the session's report too, if that is published already.
		if (before?.takeaway_shared && !(shared && text.length > 0)) await withdrawTakeawayFromReports(tx, sessionId, participantId);
		await bumpVersion(tx, sessionId);
	});
}

/**
 * One dot vote on a note of the participant's own theme canvas, while voting is open; never
 * more than the votes each person has. `noteExists` reads the canvas document (a vote for a note
 * that is not there is refused).
 */
export async function castVote(
	sql: Sql,
	sessionId: string,
	participantId: string,
	noteId: string,
	noteExists: (canvasId: string, noteId: string) => Promise<boolean>
): Promise<void> {
	// The canvas is read before the transaction: reading it may need a connection of its own, and
	// holding the session's lock while waiting for one would stall every other vote.
	const ownCanvas = async (tx: Sql) => {
		const [participant] = await tx<{ canvas_id: string | null }[]>`
			select c.id as canvas_id
			from public.session_participants p
			left join public.canvases c on c.theme_id = p.theme_id
			where p.id = ${participantId} and p.session_id = ${sessionId}
		`;
		if (!participant) throw new ParticipantActionRefused('Je doet niet mee aan deze sessie.');
		if (!participant.canvas_id) throw new ParticipantActionRefused('Je zit nog niet in een themagroep.');
		return participant.canvas_id;
	};
	const canvasId = await ownCanvas(sql);
	if (!(await noteExists(canvasId, noteId))) throw new ParticipantActionRefused('Deze notitie staat niet (meer) op je canvas.');
	await transaction(sql, async (tx) => {
		const live = await liveState(tx, sessionId);
		if (!live.voting_item_id) throw new ParticipantActionRefused('Er wordt nu niet gestemd.');
		if ((await ownCanvas(tx)) !== canvasId) throw new ParticipantActionRefused('Je bent net naar een andere themagroep verplaatst. Stem opnieuw.');
		const [{ used }] = await tx<[{ used: number }]>`
			select count(*)::int as used from public.session_votes
			where participant_id = ${participantId} and item_id = ${live.voting_item_id}
		`;
		if (used >= live.votes_per_person) {
			throw new ParticipantActionRefused(`Je hebt al je ${live.votes_per_person} stemmen gebruikt. Haal er een terug om anders te kiezen.`);
		}
		await tx`
			insert into public.session_votes (session_id, item_id, participant_id, canvas_id, note_id)
			values (${sessionId}, ${live.voting_item_id}, ${participantId}, ${canvasId}, ${noteId})
		`;
		await bumpVersion(tx, sessionId);
	});
}

/** Takes back one of the participant's votes on a note. */
export async function withdrawVote(sql: Sql, sessionId: string, participantId: string, noteId: string): Promise<void> {
	await transaction(sql, async (tx) => {
		const live = await liveState(tx, sessionId);
		if (!live.voting_item_id) throw new ParticipantActionRefused('Er wordt nu niet gestemd.');
		const removed = await tx`
			delete from public.session_votes where id = (
				select id from public.session_votes
				where participant_id = ${participantId} and item_id = ${live.voting_item_id} and note_id = ${noteId}
				order by created_at desc limit 1
			)
		`;
		if (removed.count === 0) throw new ParticipantActionRefused('Je had op deze notitie geen stem.');
		await bumpVersion(tx, sessionId);
	});
}

/** A take-away someone shared on a session's wall, as their personal page lists it. */
export interface SharedTakeaway {
	sessionId: string;
	sessionTitle: string;
	text: string;
}

export async function sharedTakeaways(sql: Sql, registrationId: string): Promise<SharedTakeaway[]> {
	return sql<SharedTakeaway[]>`
		select p.session_id as "sessionId", s.title as "sessionTitle", p.takeaway as text
		from public.session_participants p
		join public.event_sessions s on s.id = p.session_id
		where p.registration_id = ${registrationId} and p.handed_over_at is null and p.takeaway_shared and p.takeaway is not null
		order by s.position
	`;
}

/**
 * Stops sharing one's take-away, also after the session (from the personal page): it leaves the
 * wall and a published report. Returns whether anything was shared.
 */
export async function stopSharingTakeaway(sql: Sql, registrationId: string, sessionId: string): Promise<boolean> {
	return transaction(sql, async (tx) => {
		const [participant] = await tx<{ id: string }[]>`
			update public.session_participants set takeaway_shared = false
			where registration_id = ${registrationId} and handed_over_at is null and session_id = ${sessionId} and takeaway_shared
			returning id
		`;
		if (!participant) return false;
		await withdrawTakeawayFromReports(tx, sessionId, participant.id);
		await bumpVersion(tx, sessionId);
		return true;
	});
}
