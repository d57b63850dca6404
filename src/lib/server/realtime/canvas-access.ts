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

/** Who is asking for a canvas. Staff and participants follow with sign-in and joining. */
export type CanvasRequester = { kind: 'visitor'; id: string };

export type CanvasGrant = { ok: true; role: RoomRole; subject: string } | { ok: false; reason: 'not-found' | 'not-allowed' };

/**
 * Decides whether someone may open a canvas, and as what. Today only the open demo mode exists:
 * with `openAccess` anyone may edit the canvases of published events; without it nobody gets in
 * until staff sign-in and participant joining exist.
 */
export async function grantCanvasAccess(
	sql: Sql,
	canvasId: string,
	requester: CanvasRequester,
	openAccess: boolean
): Promise<CanvasGrant> {
	if (!(await canvasOfPublishedEvent(sql, canvasId))) return { ok: false, reason: 'not-found' };
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
	if (claims.sub.startsWith('visitor:') && !openAccess) return false;
	return canvasOfPublishedEvent(sql, canvasId);
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
