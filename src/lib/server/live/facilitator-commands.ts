import { z } from 'zod';
import { canvasLockSchema, type CanvasLock } from '$lib/live/canvas-lock';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';
import { assignBalancedGroups } from './auto-assign';

/**
 * What a facilitator can do to a running session. Only staff reach these (the routes check);
 * participants have no way to send them — that is what keeps the timer and the locks theirs.
 * Each command is one transaction on the session's row lock, so two facilitators pressing
 * "volgende" at once move the agenda one step, not two.
 */

const yesNo = z.enum(['ja', 'nee'], 'Kies ja of nee.').transform((value) => value === 'ja');
const themeNumber = z.coerce.number('Kies een thema.').int('Kies een thema.').min(1, 'Kies een thema.').max(50, 'Kies een thema.');
const participantId = z.uuid('Kies een deelnemer.');
const VIEWPORT = 'Het beeld van het canvas kon niet worden doorgegeven; probeer het opnieuw.';

export const facilitatorCommandSchema = z.discriminatedUnion(
	'opdracht',
	[
		z.object({ opdracht: z.literal('start') }),
		z.object({ opdracht: z.literal('volgende') }),
		z.object({ opdracht: z.literal('vorige') }),
		z.object({ opdracht: z.literal('naar'), onderdeel: z.uuid('Kies een onderdeel van de agenda.') }),
		z.object({ opdracht: z.literal('pauze') }),
		z.object({ opdracht: z.literal('hervat') }),
		z.object({
			opdracht: z.literal('verleng'),
			minuten: z.coerce.number('Kies hoeveel minuten.').int('Verleng met hele minuten.').min(1, 'Verleng met 1 tot 30 minuten.').max(30, 'Verleng met 1 tot 30 minuten.')
		}),
		z.object({ opdracht: z.literal('afsluiten') }),
		z.object({ opdracht: z.literal('indeling'), modus: z.enum(['choose', 'assigned'], 'Kies of deelnemers zelf kiezen of worden ingedeeld.') }),
		z.object({ opdracht: z.literal('verdeel') }),
		z.object({
			opdracht: z.literal('verplaats'),
			deelnemer: participantId,
			thema: z.coerce.number('Kies een thema.').int('Kies een thema.').min(0, 'Kies een thema.').max(50, 'Kies een thema.')
		}),
		z.object({ opdracht: z.literal('slot'), thema: themeNumber, niveau: z.enum(canvasLockSchema.options, 'Kies open, werkvorm vast of alleen lezen.') }),
		z.object({
			opdracht: z.literal('volgen'),
			thema: themeNumber,
			x: z.coerce.number(VIEWPORT).finite(VIEWPORT),
			y: z.coerce.number(VIEWPORT).finite(VIEWPORT),
			w: z.coerce.number(VIEWPORT).finite(VIEWPORT).positive(VIEWPORT),
			h: z.coerce.number(VIEWPORT).finite(VIEWPORT).positive(VIEWPORT)
		}),
		z.object({ opdracht: z.literal('loslaten') }),
		z.object({ opdracht: z.literal('onthullen') }),
		z.object({ opdracht: z.literal('cursors'), verbergen: yesNo }),
		z.object({ opdracht: z.literal('stemmen-open'), stemmen: z.coerce.number('Geef 1 tot 20 stemmen.').int('Geef 1 tot 20 stemmen.').min(1, 'Geef 1 tot 20 stemmen.').max(20, 'Geef 1 tot 20 stemmen.') }),
		z.object({ opdracht: z.literal('stemmen-dicht') }),
		z.object({ opdracht: z.literal('inlopers'), toestaan: yesNo }),
		z.object({ opdracht: z.literal('geluid'), aan: yesNo })
	],
	{ error: 'Deze opdracht bestaat niet.' }
);
export type FacilitatorCommand = z.infer<typeof facilitatorCommandSchema>;

/** A command that does not fit the session's state, with a Dutch message for the facilitator. */
export class CommandRefused extends Error {
	override name = 'CommandRefused';
}

/** What must happen outside the transaction once it committed. */
export interface CommandEffects {
	/** Canvas locks to apply to loaded canvases at once. */
	locks: { canvasId: string; lock: CanvasLock }[];
	/** The session ended: take the canvases' snapshots. */
	ended: boolean;
	/** Participants changed theme: re-check who may still write where. */
	regrouped: boolean;
}

interface LiveRow {
	status: 'not-started' | 'running' | 'paused' | 'ended';
	current_item_id: string | null;
	deadline: Date | null;
	remaining_ms: number | null;
	event_id: string;
}

interface ItemRow {
	id: string;
	title: string;
	planned_ms: number;
}

/** Runs one facilitator command. Throws CommandRefused when it does not fit. */
export async function runFacilitatorCommand(
	sql: Sql,
	sessionId: string,
	command: FacilitatorCommand,
	now: () => number = Date.now
): Promise<CommandEffects> {
	return transaction(sql, async (tx) => {
		const [live] = await tx<LiveRow[]>`
			select l.status, l.current_item_id, l.deadline, l.remaining_ms, s.event_id
			from public.live_sessions l join public.event_sessions s on s.id = l.session_id
			where l.session_id = ${sessionId}
			for update of l
		`;
		if (!live) throw new CommandRefused('Deze sessie bestaat niet.');
		const items = await tx<ItemRow[]>`
			select id, title, (extract(epoch from ends_at - starts_at) * 1000)::int as planned_ms
			from public.agenda_items where session_id = ${sessionId} order by position
		`;
		const effects: CommandEffects = { locks: [], ended: false, regrouped: false };
		const isLive = live.status === 'running' || live.status === 'paused';
		const requireLive = () => {
			if (!isLive) {
				throw new CommandRefused(live.status === 'ended' ? 'De sessie is afgesloten.' : 'Start eerst de sessie.');
			}
		};
		const index = items.findIndex((item) => item.id === live.current_item_id);

		switch (command.opdracht) {
			case 'start': {
				if (live.status === 'ended') throw new CommandRefused('De sessie is al afgesloten.');
				if (isLive) throw new CommandRefused('De sessie loopt al.');
				const first = items[0];
				if (!first) throw new CommandRefused('Deze sessie heeft nog geen agenda. Zet eerst onderdelen in de agenda.');
				await tx`update public.live_sessions set started_at = now() where session_id = ${sessionId}`;
				await switchItem(tx, sessionId, first, now());
				// The canvases continue where they were: closing the previous session left them read-only.
				const reopened = await tx<{ id: string }[]>`
					update public.canvases c set lock = 'open'
					from public.themes t where t.id = c.theme_id and t.event_id = ${live.event_id} and c.lock <> 'open'
					returning c.id
				`;
				effects.locks = reopened.map((canvas) => ({ canvasId: canvas.id, lock: 'open' as const }));
				break;
			}
			case 'volgende':
			case 'vorige':
			case 'naar': {
				requireLive();
				const target =
					command.opdracht === 'naar'
						? items.find((item) => item.id === command.onderdeel)
						: items[index + (command.opdracht === 'volgende' ? 1 : -1)];
				if (!target) {
					throw new CommandRefused(
						command.opdracht === 'volgende'
							? 'Dit is het laatste onderdeel. Sluit de sessie af als jullie klaar zijn.'
							: command.opdracht === 'vorige'
								? 'Dit is het eerste onderdeel.'
								: 'Dat onderdeel staat niet op de agenda van deze sessie.'
					);
				}
				await switchItem(tx, sessionId, target, now());
				break;
			}
			case 'pauze': {
				if (live.status !== 'running' || !live.deadline) throw new CommandRefused('De tijd loopt nu niet.');
				const remaining = Math.max(0, live.deadline.getTime() - now());
				await tx`
					update public.live_sessions set status = 'paused', remaining_ms = ${remaining}, deadline = null
					where session_id = ${sessionId}
				`;
				break;
			}
			case 'hervat': {
				if (live.status !== 'paused') throw new CommandRefused('De tijd staat niet stil.');
				await tx`
					update public.live_sessions set status = 'running', deadline = ${new Date(now() + (live.remaining_ms ?? 0))}, remaining_ms = null
					where session_id = ${sessionId}
				`;
				break;
			}
			case 'verleng': {
				requireLive();
				const extra = command.minuten * 60_000;
				if (live.status === 'running') {
					// An overrun timebox is extended from now, not from the moment it ran out.
					const from = Math.max(live.deadline?.getTime() ?? now(), now());
					await tx`update public.live_sessions set deadline = ${new Date(from + extra)} where session_id = ${sessionId}`;
				} else {
					await tx`update public.live_sessions set remaining_ms = remaining_ms + ${extra} where session_id = ${sessionId}`;
				}
				break;
			}
			case 'afsluiten': {
				if (live.status === 'ended') throw new CommandRefused('De sessie is al afgesloten.');
				await tx`update public.agenda_item_runs set ended_at = clock_timestamp() where session_id = ${sessionId} and ended_at is null`;
				await tx`
					update public.live_sessions
					set status = 'ended', ended_at = now(), deadline = null, remaining_ms = null,
						follow_theme_id = null, follow_bounds = null, voting_item_id = null
					where session_id = ${sessionId}
				`;
				// After the session the canvases are read-only until the next session opens them.
				const canvases = await tx<{ id: string }[]>`
					update public.canvases c set lock = 'read-only'
					from public.themes t where t.id = c.theme_id and t.event_id = ${live.event_id}
					returning c.id
				`;
				effects.locks = canvases.map((canvas) => ({ canvasId: canvas.id, lock: 'read-only' as const }));
				effects.ended = true;
				break;
			}
			case 'indeling':
				await tx`update public.live_sessions set breakout_mode = ${command.modus} where session_id = ${sessionId}`;
				break;
			case 'verdeel': {
				const [participants, themes] = await Promise.all([
					tx<{ id: string; organisation: string }[]>`
						select id, organisation_name as organisation from public.session_participants
						where session_id = ${sessionId} and handed_over_at is null order by joined_at, id
					`,
					tx<{ id: string }[]>`select id from public.themes where event_id = ${live.event_id} order by position`
				]);
				if (participants.length === 0) throw new CommandRefused('Er doet nog niemand mee om in te delen.');
				const assignment = assignBalancedGroups(participants, themes.map((theme) => theme.id));
				for (const [participantId, themeId] of assignment) {
					await tx`update public.session_participants set theme_id = ${themeId} where id = ${participantId}`;
				}
				await tx`update public.live_sessions set breakout_mode = 'assigned' where session_id = ${sessionId}`;
				effects.regrouped = true;
				break;
			}
			case 'verplaats': {
				const themeId = command.thema === 0 ? null : await themeIdOf(tx, live.event_id, command.thema);
				const moved = await tx`
					update public.session_participants set theme_id = ${themeId}
					where id = ${command.deelnemer} and session_id = ${sessionId} and handed_over_at is null
				`;
				if (moved.count === 0) throw new CommandRefused('Deze deelnemer doet niet mee aan deze sessie.');
				effects.regrouped = true;
				break;
			}
			case 'slot': {
				const [canvas] = await tx<{ id: string }[]>`
					update public.canvases c set lock = ${command.niveau}
					from public.themes t
					where t.id = c.theme_id and t.event_id = ${live.event_id} and t.position = ${command.thema}
					returning c.id
				`;
				if (!canvas) throw new CommandRefused('Dat thema bestaat niet.');
				effects.locks = [{ canvasId: canvas.id, lock: command.niveau }];
				break;
			}
			case 'volgen': {
				requireLive();
				const themeId = await themeIdOf(tx, live.event_id, command.thema);
				const bounds = { x: command.x, y: command.y, w: command.w, h: command.h };
				await tx`
					update public.live_sessions set follow_theme_id = ${themeId}, follow_bounds = ${tx.json(bounds)}
					where session_id = ${sessionId}
				`;
				break;
			}
			case 'loslaten':
				await tx`update public.live_sessions set follow_theme_id = null, follow_bounds = null where session_id = ${sessionId}`;
				break;
			case 'onthullen':
				requireLive();
				await tx`update public.live_sessions set silent_revealed = true where session_id = ${sessionId}`;
				break;
			case 'cursors':
				await tx`update public.live_sessions set hide_cursors = ${command.verbergen} where session_id = ${sessionId}`;
				break;
			case 'stemmen-open': {
				requireLive();
				if (!live.current_item_id) throw new CommandRefused('Er is geen onderdeel om over te stemmen.');
				await tx`
					update public.live_sessions set voting_item_id = ${live.current_item_id}, votes_per_person = ${command.stemmen}
					where session_id = ${sessionId}
				`;
				break;
			}
			case 'stemmen-dicht':
				await tx`update public.live_sessions set voting_item_id = null where session_id = ${sessionId}`;
				break;
			case 'inlopers':
				await tx`update public.live_sessions set walk_ins_allowed = ${command.toestaan} where session_id = ${sessionId}`;
				break;
			case 'geluid':
				await tx`update public.live_sessions set chime = ${command.aan} where session_id = ${sessionId}`;
				break;
		}
		await tx`update public.live_sessions set version = version + 1, updated_at = now() where session_id = ${sessionId}`;
		return effects;
	});
}

/**
 * Makes `item` the current one (times are the clock's, not the transaction's start: a command
 * that waited for another one's lock must not end a run before it began): the previous item's run ends, a new run starts (the actual
 * times the report shows), and its timebox starts at its planned length. Silent writing starts
 * hidden again and voting closes: both belong to one item.
 */
async function switchItem(tx: Sql, sessionId: string, item: ItemRow, now: number): Promise<void> {
	await tx`update public.agenda_item_runs set ended_at = clock_timestamp() where session_id = ${sessionId} and ended_at is null`;
	await tx`insert into public.agenda_item_runs (session_id, item_id, item_title, started_at) values (${sessionId}, ${item.id}, ${item.title}, clock_timestamp())`;
	await tx`
		update public.live_sessions
		set status = 'running', current_item_id = ${item.id}, deadline = ${new Date(now + item.planned_ms)},
			remaining_ms = null, silent_revealed = false, voting_item_id = null
		where session_id = ${sessionId}
	`;
}

async function themeIdOf(tx: Sql, eventId: string, position: number): Promise<string> {
	const [theme] = await tx<{ id: string }[]>`select id from public.themes where event_id = ${eventId} and position = ${position}`;
	if (!theme) throw new CommandRefused('Dat thema bestaat niet.');
	return theme.id;
}
