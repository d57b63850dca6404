import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * The secret in a participant's personal link (`/aanmelding/<token>`): 32 random bytes, so
 * guessing one is not a plan. A substitution issues a new one, which ends the old link.
 */
export function newAccessToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The shape of a token in a URL; anything else is refused before touching the database. */
export const accessTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function personalUrl(origin: string, token: string): string {
	return `${origin}/aanmelding/${token}`;
}
