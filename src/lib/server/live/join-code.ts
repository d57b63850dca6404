import { randomInt } from 'node:crypto';
import type { Sql } from '../db/database';

/**
 * The code people type in the room to join a session: six characters from an alphabet without
 * the ones that look alike when written on a flip chart or read aloud (0/O, 1/I/L).
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_PATTERN = /^[A-HJKMNP-Z2-9]{6}$/;

/** How often a clash with another session's code is retried: with 31⁶ ≈ 887 million codes, twice is already rare. */
const MAX_ATTEMPTS = 8;

/** A new random join code (`crypto.randomInt`, so every character is equally likely). */
export function newJoinCode(): string {
	let code = '';
	for (let index = 0; index < JOIN_CODE_LENGTH; index += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
	return code;
}

/**
 * Makes sure a session has its live state (`public.live_sessions`) and returns its join code: the
 * existing one, or a new random one. Safe inside the caller's transaction: `on conflict do nothing`
 * covers both the session that already has a row and a code another session holds, so a clash never
 * aborts the transaction — it is simply tried again with a new code. `draw` is for tests that
 * need a clash.
 */
export async function ensureLiveSession(sql: Sql, sessionId: string, draw: () => string = newJoinCode): Promise<{ joinCode: string }> {
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
		const [inserted] = await sql<{ join_code: string }[]>`
			insert into public.live_sessions (session_id, join_code)
			values (${sessionId}, ${draw()})
			on conflict do nothing
			returning join_code
		`;
		if (inserted) return { joinCode: inserted.join_code };
		const [existing] = await sql<{ join_code: string }[]>`
			select join_code from public.live_sessions where session_id = ${sessionId}
		`;
		if (existing) return { joinCode: existing.join_code };
		// Nothing for this session, so the code was taken by another one: draw again.
	}
	throw new Error(`no free join code for session ${sessionId} after ${MAX_ATTEMPTS} attempts`);
}
