import type { Cookies } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Sql } from '../db/database';
import { PARTICIPANT_COOKIE, resolveParticipant } from '../live/participants';
import type { PublicationVisibility } from './report-store';

// Who may read an event's published reports. A public publication: anyone. A private one: the
// team, participants who came through their personal link (which leaves a reader cookie for
// this event's publication only), and anyone who joined one of its sessions live on this device
// (walk-ins included, while their session cookie lasts).
//
// The reader cookie holds the SHA-256 of the personal link's secret, never the secret itself:
// whoever reads it from a shared computer can read the reports, not open the participant's
// page (with their invoice details, cancelling, handing over the place).

export const READER_COOKIE = 'os_lezer';
/** Long enough to come back to the report after a few months; the personal link renews it. */
const READER_DAYS = 180;
const readerValueSchema = z.string().regex(/^[0-9a-f]{64}$/);

function readerValue(accessToken: string): string {
	return createHash('sha256').update(accessToken, 'utf8').digest('hex');
}

export interface PublicationEvent {
	id: string;
	slug: string;
	title: string;
	visibility: PublicationVisibility;
}

/** An event whose publication can exist (published or archived; never a draft event). */
export async function findPublicationEvent(sql: Sql, slug: string): Promise<PublicationEvent | null> {
	const [row] = await sql<{ id: string; slug: string; title: string; publication_visibility: PublicationVisibility }[]>`
		select id, slug, title, publication_visibility from public.events where slug = ${slug} and status <> 'draft'
	`;
	return row ? { id: row.id, slug: row.slug, title: row.title, visibility: row.publication_visibility } : null;
}

export type ReaderAccess = 'public' | 'staff' | 'participant';

/** Why this request may read the event's reports, or null when it may not. */
export async function readerAccess(
	sql: Sql,
	event: PublicationEvent,
	request: { isStaff: boolean; cookies: Pick<Cookies, 'get'> }
): Promise<ReaderAccess | null> {
	if (event.visibility === 'public') return 'public';
	if (request.isStaff) return 'staff';
	const reader = readerValueSchema.safeParse(request.cookies.get(READER_COOKIE));
	if (reader.success) {
		const [registration] = await sql`
			select 1 from public.registrations
			where event_id = ${event.id} and status = 'confirmed' and anonymised_at is null
				and encode(sha256(convert_to(access_token, 'UTF8')), 'hex') = ${reader.data}
		`;
		if (registration) return 'participant';
	}
	const participant = await resolveParticipant(sql, request.cookies.get(PARTICIPANT_COOKIE));
	if (participant) {
		const [session] = await sql`select 1 from public.event_sessions where id = ${participant.sessionId} and event_id = ${event.id}`;
		if (session) return 'participant';
	}
	return null;
}

/** The number of session `sessionId` of event `eventId` (mail links name sessions by id), if it is one of its sessions. */
export async function sessionPosition(sql: Sql, eventId: string, sessionId: string): Promise<number | undefined> {
	const [session] = await sql<{ position: number }[]>`select position from public.event_sessions where id = ${sessionId} and event_id = ${eventId}`;
	return session?.position;
}

/** Lets this browser read the event's private publication, as the participant whose link it is. */
export function grantReader(cookies: Cookies, eventSlug: string, accessToken: string, secure: boolean): void {
	cookies.set(READER_COOKIE, readerValue(accessToken), {
		// Sent only to this event's publication pages.
		path: `/publicatie/${eventSlug}`,
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: READER_DAYS * 24 * 60 * 60
	});
}
