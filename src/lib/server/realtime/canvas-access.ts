import type { Sql } from '../db/database';
import type { RoomClaims, RoomRole } from './room-token';
import { ensureCanvasForTheme } from './canvas-store';

/** A theme's canvas as a page shows it. */
export interface ThemeCanvas {
	canvasId: string;
	eventSlug: string;
	eventTitle: string;
	themeId: string;
	themePosition: number;
	themeTitle: string;
	themeDescription: string;
	themeCount: number;
}

/**
 * The canvas of a published event's theme, by the event's slug and the theme's number;
 * created on first use. Null when there is no such published theme.
 */
export async function findThemeCanvas(sql: Sql, eventSlug: string, themePosition: number): Promise<ThemeCanvas | null> {
	const [theme] = await sql<
		{ id: string; position: number; title: string; description: string; event_title: string; theme_count: number }[]
	>`
		select t.id, t.position, t.title, t.description, e.title as event_title,
			(select count(*)::int from public.themes x where x.event_id = e.id) as theme_count
		from public.themes t
		join public.events e on e.id = t.event_id
		where e.slug = ${eventSlug} and e.status = 'published' and t.position = ${themePosition}
	`;
	if (!theme) return null;
	const canvasId = await ensureCanvasForTheme(sql, theme.id);
	return {
		canvasId,
		eventSlug,
		eventTitle: theme.event_title,
		themeId: theme.id,
		themePosition: theme.position,
		themeTitle: theme.title,
		themeDescription: theme.description,
		themeCount: theme.theme_count
	};
}

/**
 * Who is asking for a canvas: a signed-in staff member (by e-mail), a participant of a live
 * session (by participant id), or an anonymous visitor.
 */
export type CanvasRequester = { kind: 'visitor'; id: string } | { kind: 'staff'; id: string } | { kind: 'participant'; id: string };

/** The requester of a request: the signed-in staff member, else the session participant, else the visitor cookie. */
export function canvasRequester(
	staff: { member: { email: string } } | null,
	visitor: () => string,
	participant: { id: string } | null = null
): CanvasRequester {
	if (staff) return { kind: 'staff', id: staff.member.email };
	if (participant) return { kind: 'participant', id: participant.id };
	return { kind: 'visitor', id: visitor() };
}

export type CanvasGrant = { ok: true; role: RoomRole; subject: string } | { ok: false; reason: 'not-found' | 'not-allowed' };

/**
 * Decides whether someone may open a canvas, and as what. Active staff may edit every canvas.
 * Visitors may edit the canvases of published events only in the open demo mode
 * (`openAccess`); otherwise they wait for participant joining (the session runner).
 */
export async function grantCanvasAccess(
	sql: Sql,
	canvasId: string,
	requester: CanvasRequester,
	openAccess: boolean
): Promise<CanvasGrant> {
	if (requester.kind === 'staff') {
		// Organizers and facilitators prepare canvases before an event is published, too.
		if (!(await canvasExists(sql, canvasId))) return { ok: false, reason: 'not-found' };
		if (!(await activeStaff(sql, requester.id))) return { ok: false, reason: 'not-allowed' };
		return { ok: true, role: 'editor', subject: `staff:${requester.id}` };
	}
	if (!(await canvasOfPublishedEvent(sql, canvasId))) return { ok: false, reason: 'not-found' };
	if (requester.kind === 'participant') {
		const access = await participantAccess(sql, requester.id, canvasId);
		if (access === 'none') return { ok: false, reason: 'not-allowed' };
		return { ok: true, role: access, subject: `participant:${requester.id}` };
	}
	if (!openAccess) return { ok: false, reason: 'not-allowed' };
	return { ok: true, role: 'editor', subject: `${requester.kind}:${requester.id}` };
}

/** For open sockets: may the holder of these claims still be in this canvas? */
export async function stillAllowedInCanvas(
	sql: Sql,
	claims: RoomClaims,
	canvasId: string,
	openAccess: boolean
): Promise<boolean> {
	if (claims.sub.startsWith('staff:')) {
		return (await activeStaff(sql, claims.sub.slice('staff:'.length))) && canvasExists(sql, canvasId);
	}
	if (claims.sub.startsWith('participant:')) {
		const access = await participantAccess(sql, claims.sub.slice('participant:'.length), canvasId);
		return access === 'editor' || (access === 'viewer' && claims.role === 'viewer');
	}
	if (claims.sub.startsWith('visitor:') && !openAccess) return false;
	return canvasOfPublishedEvent(sql, canvasId);
}

async function canvasExists(sql: Sql, canvasId: string): Promise<boolean> {
	const [row] = await sql`select 1 from public.canvases where id = ${canvasId}`;
	return row !== undefined;
}

/** Switching a staff member off takes them out of open canvases at the next re-check. */
async function activeStaff(sql: Sql, email: string): Promise<boolean> {
	const [row] = await sql`select 1 from public.staff where email = ${email} and active`;
	return row !== undefined;
}

async function canvasOfPublishedEvent(sql: Sql, canvasId: string): Promise<boolean> {
	const [row] = await sql`
		select 1 from public.canvases c
		join public.themes t on t.id = c.theme_id
		join public.events e on e.id = t.event_id
		where c.id = ${canvasId} and e.status = 'published'
	`;
	return row !== undefined;
}

/**
 * A session participant edits their own theme group's canvas while the session has not ended,
 * and may look at the event's other theme canvases (when the facilitator brings everyone there).
 * Locks narrow this further inside the canvas server.
 */
async function participantAccess(sql: Sql, participantId: string, canvasId: string): Promise<'editor' | 'viewer' | 'none'> {
	const [row] = await sql<{ own: boolean; ended: boolean }[]>`
		select p.theme_id is not distinct from c.theme_id as own, l.status = 'ended' as ended
		from public.session_participants p
		join public.event_sessions s on s.id = p.session_id
		join public.live_sessions l on l.session_id = s.id
		join public.themes t on t.event_id = s.event_id
		join public.canvases c on c.theme_id = t.id
		where p.id = ${participantId} and c.id = ${canvasId}
	`;
	if (!row) return 'none';
	return row.own && !row.ended ? 'editor' : 'viewer';
}
