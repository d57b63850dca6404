import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';
import { accessTokenSchema } from '../registrations/access-token';

/**
 * Who is in a live session. Registered participants are recognised from their personal link;
 * walk-ins join with name and organisation when the organizer allows it. No account, no
 * password: a browser that joined holds a random device token in a cookie, the database its hash.
 */

export const PARTICIPANT_COOKIE = 'os_deelnemer';
const DEVICE_DAYS = 2;

const deviceTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

function hashToken(token: string): Buffer {
	return createHash('sha256').update(token).digest();
}

/** A participant as the app knows them from their cookie. */
export interface SessionParticipant {
	id: string;
	sessionId: string;
	name: string;
}

/** Why joining did not work, in Dutch for the person trying. */
export class JoinRefused extends Error {
	override name = 'JoinRefused';
}

export const walkInSchema = z.object({
	naam: z.string().trim().min(2, 'Vul je naam in (minstens 2 tekens).').max(80, 'Je naam heeft hoogstens 80 tekens.'),
	organisatie: z
		.string()
		.trim()
		.min(2, 'Vul je organisatie in, bijvoorbeeld Gemeente Utrecht.')
		.max(200, 'De organisatie heeft hoogstens 200 tekens.')
});
export type WalkIn = z.infer<typeof walkInSchema>;

/** The live session behind a join code (typed by people: case and spaces do not matter). */
export async function sessionByJoinCode(sql: Sql, code: string): Promise<{ sessionId: string; joinCode: string } | null> {
	const normalised = code.replace(/[\s-]/g, '').toUpperCase();
	if (!/^[A-Z0-9]{6}$/.test(normalised)) return null;
	const [row] = await sql<{ session_id: string; join_code: string }[]>`
		select l.session_id, l.join_code
		from public.live_sessions l
		join public.event_sessions s on s.id = l.session_id
		join public.events e on e.id = s.event_id
		where l.join_code = ${normalised} and e.status = 'published'
	`;
	return row ? { sessionId: row.session_id, joinCode: row.join_code } : null;
}

/**
 * Joins a registered participant through their personal link's token: confirmed, registered
 * for this session. Joining twice is the same participant on another device.
 */
export async function joinWithRegistration(sql: Sql, sessionId: string, accessToken: string): Promise<{ participantId: string; deviceToken: string }> {
	if (!accessTokenSchema.safeParse(accessToken).success) throw new JoinRefused('Deze persoonlijke link klopt niet.');
	return transaction(sql, async (tx) => {
		const [registration] = await tx<{ id: string; name: string; organisation_name: string; status: string; attends: boolean; ended: boolean }[]>`
			select r.id, r.name, r.organisation_name, r.status,
				exists (select 1 from public.registration_sessions rs where rs.registration_id = r.id and rs.session_id = ${sessionId}) as attends,
				coalesce((select l.status = 'ended' from public.live_sessions l where l.session_id = ${sessionId}), true) as ended
			from public.registrations r
			join public.event_sessions s on s.event_id = r.event_id and s.id = ${sessionId}
			where r.access_token = ${accessToken}
			for share of r
		`;
		if (!registration) throw new JoinRefused('Met deze persoonlijke link kun je niet aan deze sessie deelnemen.');
		if (registration.status !== 'confirmed') throw new JoinRefused('Je aanmelding is niet (meer) bevestigd; je kunt niet aan de sessie deelnemen.');
		if (!registration.attends) throw new JoinRefused('Je bent niet voor deze sessie aangemeld.');
		if (registration.ended) throw new JoinRefused('Deze sessie is afgelopen.');
		const [participant] = await tx<{ id: string }[]>`
			insert into public.session_participants (session_id, registration_id, name, organisation_name)
			values (${sessionId}, ${registration.id}, ${registration.name}, ${registration.organisation_name})
			on conflict (session_id, registration_id) where handed_over_at is null
				do update set name = excluded.name, organisation_name = excluded.organisation_name
			returning id
		`;
		return { participantId: participant!.id, deviceToken: await newDevice(tx, participant!.id) };
	});
}

/** Joins a walk-in, if the organizer allows walk-ins for this session and it has not ended. */
export async function joinAsWalkIn(sql: Sql, sessionId: string, walkIn: WalkIn): Promise<{ participantId: string; deviceToken: string }> {
	return transaction(sql, async (tx) => {
		const [live] = await tx<{ walk_ins_allowed: boolean; status: string }[]>`
			select walk_ins_allowed, status from public.live_sessions where session_id = ${sessionId} for share
		`;
		if (!live) throw new JoinRefused('Deze sessie bestaat niet.');
		if (live.status === 'ended') throw new JoinRefused('Deze sessie is afgelopen.');
		if (!live.walk_ins_allowed) {
			throw new JoinRefused('Voor deze sessie kun je alleen meedoen met de persoonlijke link uit je bevestigingsmail.');
		}
		const [participant] = await tx<{ id: string }[]>`
			insert into public.session_participants (session_id, name, organisation_name)
			values (${sessionId}, ${walkIn.naam}, ${walkIn.organisatie})
			returning id
		`;
		return { participantId: participant!.id, deviceToken: await newDevice(tx, participant!.id) };
	});
}

async function newDevice(tx: Sql, participantId: string): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await tx`insert into public.session_participant_devices (token_hash, participant_id) values (${hashToken(token)}, ${participantId})`;
	return token;
}

/**
 * Whether participant `p` (joined with registration `r`) still takes part: a place cancelled,
 * anonymised or handed over takes its person out of the session. One condition for the door
 * (resolveParticipant) and for channels already open (the session view's takesPart).
 */
export function takesPart(sql: Sql) {
	return sql`(p.registration_id is null or (r.status = 'confirmed' and r.anonymised_at is null)) and p.handed_over_at is null`;
}

/** The participant behind a device token, or null (unknown, expired, or removed). */
export async function resolveParticipant(sql: Sql, token: string | undefined): Promise<SessionParticipant | null> {
	if (!deviceTokenSchema.safeParse(token).success) return null;
	const [row] = await sql<{ id: string; session_id: string; name: string }[]>`
		select p.id, p.session_id, p.name
		from public.session_participant_devices d
		join public.session_participants p on p.id = d.participant_id
		left join public.registrations r on r.id = p.registration_id
		where d.token_hash = ${hashToken(token!)} and d.created_at > now() - make_interval(days => ${DEVICE_DAYS})
			and ${takesPart(sql)}
	`;
	return row ? { id: row.id, sessionId: row.session_id, name: row.name } : null;
}

/** Forgets device tokens past their two days: they open nothing any more. Returns how many. */
export async function deleteExpiredDevices(sql: Sql): Promise<number> {
	const rows = await sql`
		delete from public.session_participant_devices
		where created_at <= now() - make_interval(days => ${DEVICE_DAYS})
		returning token_hash
	`;
	return rows.length;
}

export function setParticipantCookie(cookies: Cookies, token: string, secure: boolean): void {
	cookies.set(PARTICIPANT_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: DEVICE_DAYS * 24 * 60 * 60
	});
}
