import { SignJWT, errors, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * Short-lived signed tokens that open one canvas's websocket. The app issues one to a person who
 * may see the canvas (HTTP, with their session); the websocket endpoint checks it in the HTTP
 * upgrade, before a single document byte is sent. HS256 JWTs via `jose`.
 */

export const ROOM_TOKEN_MAX_SECONDS = 5 * 60;
const AUDIENCE = 'ontwerpsessies:canvas';

export const roomRoleSchema = z.enum(['editor', 'viewer']);
export type RoomRole = z.infer<typeof roomRoleSchema>;

const claimsSchema = z.object({
	/** The canvas this token opens. */
	canvas: z.uuid(),
	role: roomRoleSchema,
	/** Who holds it, for logs and access re-checks: `staff:<id>`, `participant:<id>`, `visitor:<id>`. */
	sub: z.string().min(1).max(200),
	exp: z.number().int()
});

export type RoomClaims = z.infer<typeof claimsSchema>;

/** Why a token was refused; `other-canvas` is a valid token for a different canvas (403). */
export type RoomTokenProblem = 'missing' | 'invalid' | 'expired' | 'other-canvas';

export type RoomTokenCheck = { ok: true; claims: RoomClaims } | { ok: false; problem: RoomTokenProblem };

function key(secret: string): Uint8Array {
	return new TextEncoder().encode(secret);
}

/** Signs a token for one canvas, valid for at most five minutes. */
export async function issueRoomToken(
	secret: string,
	grant: { canvasId: string; role: RoomRole; subject: string },
	ttlSeconds = ROOM_TOKEN_MAX_SECONDS
): Promise<{ token: string; expiresAt: Date }> {
	const seconds = Math.min(Math.max(1, Math.floor(ttlSeconds)), ROOM_TOKEN_MAX_SECONDS);
	const expiresAt = new Date(Date.now() + seconds * 1000);
	const token = await new SignJWT({ canvas: grant.canvasId, role: grant.role })
		.setProtectedHeader({ alg: 'HS256' })
		.setSubject(grant.subject)
		.setAudience(AUDIENCE)
		.setIssuedAt()
		.setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
		.sign(key(secret));
	return { token, expiresAt };
}

/** Checks signature, expiry, audience and shape, and that the token is for `canvasId`. */
export async function verifyRoomToken(
	secret: string,
	token: string | null | undefined,
	canvasId: string
): Promise<RoomTokenCheck> {
	if (!token) return { ok: false, problem: 'missing' };
	try {
		const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], audience: AUDIENCE });
		const claims = claimsSchema.safeParse(payload);
		if (!claims.success) return { ok: false, problem: 'invalid' };
		if (claims.data.canvas !== canvasId) return { ok: false, problem: 'other-canvas' };
		return { ok: true, claims: claims.data };
	} catch (error) {
		if (error instanceof errors.JWTExpired) return { ok: false, problem: 'expired' };
		return { ok: false, problem: 'invalid' };
	}
}
