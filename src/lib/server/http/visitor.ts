import type { Cookies } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const COOKIE = 'os_bezoeker';
const idSchema = z.uuid();

/**
 * A random, anonymous id for someone without an account, kept in an http-only cookie for a day.
 * It names a presence in logs and room tokens; it says nothing about who the person is.
 */
export function visitorId(cookies: Cookies, secure: boolean): string {
	const existing = idSchema.safeParse(cookies.get(COOKIE));
	if (existing.success) return existing.data;
	const id = randomUUID();
	cookies.set(COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 * 60 * 24 });
	return id;
}
