import type { Cookies } from '@sveltejs/kit';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { staffRoleSchema } from './schema';
import type { StaffMember } from './staff';
import { transaction } from './transaction';

/** The cookie that carries a signed-in staff member's session secret. */
export const STAFF_SESSION_COOKIE = 'os_staff';
export const STAFF_SESSION_HOURS = 12;

/** A signed-in staff member. `sessionId` names the session without being its secret (it is the stored hash). */
export interface StaffSession {
	member: StaffMember;
	sessionId: string;
}

// 32 random bytes in base64url, nothing else: anything else in the cookie is not ours.
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const sessionRowSchema = z.object({
	live: z.boolean(),
	stale: z.boolean(),
	email: z.string(),
	name: z.string().nullable(),
	role: staffRoleSchema,
	active: z.boolean()
});

function hashToken(token: string): Buffer {
	return createHash('sha256').update(token).digest();
}

/**
 * Starts a session for a staff member whose code was just verified. Returns the secret for the
 * cookie; the database keeps only its SHA-256, so a copy of the database signs nobody in.
 */
export async function createStaffSession(
	sql: Sql,
	email: string
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const tokenHash = hashToken(token);
	// Sessions long over are of no use to anyone; sweeping them here keeps the table small without a job.
	await sql`delete from public.staff_sessions where expires_at < now() - interval '1 day'`;
	const [row] = await sql<{ expires_at: Date }[]>`
		insert into public.staff_sessions (token_hash, email, expires_at)
		values (${tokenHash}, ${email}, now() + make_interval(hours => ${STAFF_SESSION_HOURS}))
		returning expires_at
	`;
	if (!row) throw new Error('staff session was not stored');
	return { token, sessionId: tokenHash.toString('base64url'), expiresAt: row.expires_at };
}

/**
 * The staff member behind a session cookie, or null when the cookie is unknown, expired, or its
 * owner was switched off. Notes when the session was last used, at most once a minute, so a
 * page full of requests is not a page full of writes.
 */
export async function resolveStaffSession(sql: Sql, token: string | undefined): Promise<StaffSession | null> {
	const parsedToken = tokenSchema.safeParse(token);
	if (!parsedToken.success) return null;
	const tokenHash = hashToken(parsedToken.data);
	const [raw] = await sql`
		select s.expires_at > now() as live, s.last_seen_at < now() - interval '1 minute' as stale,
			st.email, st.name, st.role, st.active
		from public.staff_sessions s
		join public.staff st on st.email = s.email
		where s.token_hash = ${tokenHash}
	`;
	if (!raw) return null;
	const row = sessionRowSchema.parse(raw);
	if (!row.live) {
		await sql`delete from public.staff_sessions where token_hash = ${tokenHash}`;
		return null;
	}
	if (!row.active) return null;
	if (row.stale) await sql`update public.staff_sessions set last_seen_at = now() where token_hash = ${tokenHash}`;
	return {
		member: { email: row.email, name: row.name, role: row.role },
		sessionId: tokenHash.toString('base64url')
	};
}

/** Signs out: the session is deleted, so the cookie is worthless even if someone kept a copy. */
export async function endStaffSession(sql: Sql, sessionId: string): Promise<void> {
	const parsed = sessionIdSchema.safeParse(sessionId);
	if (!parsed.success) return;
	await transaction(sql, async (tx) => {
		const ended = await tx<{ email: string }[]>`
			delete from public.staff_sessions where token_hash = ${Buffer.from(parsed.data, 'base64url')}
			returning email
		`;
		for (const { email } of ended) await recordAudit(tx, { actor: email, action: 'staff.signed_out' });
	});
}

/** Puts the session secret in the browser: http-only, same-site lax, secure over https. */
export function setStaffSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(STAFF_SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000))
	});
}

export function clearStaffSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(STAFF_SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
