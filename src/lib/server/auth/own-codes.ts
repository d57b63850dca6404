import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { staffSignInCodeMail } from '../mail/templates/staff-sign-in-code-mail';
import { admitVerifiedEmail, recordFailedSignIn, SignInRefused, type SignInProblem } from './sign-in-outcome';
import { findActiveStaff, type StaffMember } from './staff';
import type { StaffSignIn } from './staff-auth';
import { staffEmailSchema } from './schema';
import { transaction } from './transaction';

/** How long a code works. */
export const CODE_TTL_MINUTES = 10;
/** Wrong tries a code survives; the next one needs a new code. */
export const MAX_WRONG_TRIES_PER_CODE = 5;
/** Codes one address may ask for within `REQUEST_WINDOW_MINUTES`. */
export const MAX_REQUESTS_PER_WINDOW = 5;
export const MAX_WRONG_TRIES_PER_DAY = 20;
export const REQUEST_WINDOW_MINUTES = 15;

/**
 * The app's own e-mail one-time codes, used when Supabase Auth is not configured.
 *
 * Six digits from `crypto.randomInt`; only an HMAC of the code is stored (keyed with the app's
 * secret and the code's row id, because a plain hash of six digits is undone by trying all
 * million). The mail carrying it sits in the outbox until it is sent; the worker then blanks it,
 * and the desk's outbox view never shows it. Every requested address gets a code row, staff or not — only staff get the mail —
 * so the answer, the limits and the database work look the same whoever asks. Per address the
 * work is serialised with an advisory lock, so two requests at once cannot both slip under a
 * limit.
 */
export function createOwnCodeSignIn(options: {
	sql: Sql;
	secret: string;
	/** The demo without a mail server: the code is shown on the page instead of mailed. */
	showCodes: boolean;
	/** The sign-in page, for the link in the mail. */
	signInUrl: string;
}): StaffSignIn {
	const { sql, secret } = options;

	async function requestCode(rawEmail: string): Promise<{ shownCode?: string }> {
		const parsed = staffEmailSchema.safeParse(rawEmail);
		if (!parsed.success) return {};
		const email = parsed.data;
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const id = randomUUID();
		const allowed = await transaction(sql, async (tx) => {
			await lockAddress(tx, email);
			// Rows of addresses that were never staff are only needed for the limits; keep them a day at most.
			await tx`delete from public.staff_sign_in_codes where created_at < now() - interval '1 day'`;
			const [recent] = await tx<{ count: number }[]>`
				select count(*)::int as count from public.staff_sign_in_codes
				where email = ${email} and created_at > now() - make_interval(mins => ${REQUEST_WINDOW_MINUTES})
			`;
			if ((recent?.count ?? 0) >= MAX_REQUESTS_PER_WINDOW) return false;
			// Per code five tries, but also a day's cap over all codes of the address: otherwise
			// 5 tries × 5 codes every quarter of an hour add up to thousands of guesses a day.
			const [wrong] = await tx<{ count: number }[]>`
				select coalesce(sum(failed_attempts), 0)::int as count from public.staff_sign_in_codes
				where email = ${email} and created_at > now() - interval '1 day'
			`;
			if ((wrong?.count ?? 0) >= MAX_WRONG_TRIES_PER_DAY) return false;
			// Only the newest code counts; ending the older ones makes that visible in the table too.
			await tx`
				update public.staff_sign_in_codes set expires_at = now()
				where email = ${email} and used_at is null and expires_at > now()
			`;
			await tx`
				insert into public.staff_sign_in_codes (id, email, code_hash, expires_at)
				values (${id}, ${email}, ${codeHash(secret, id, code)}, now() + make_interval(mins => ${CODE_TTL_MINUTES}))
			`;
			const member = await findActiveStaff(tx, email);
			if (member) {
				await enqueueMail(
					tx,
					staffSignInCodeMail({ to: email, code, expiresInMinutes: CODE_TTL_MINUTES, signInUrl: options.signInUrl })
				);
			}
			return true;
		});
		if (!allowed) throw new SignInRefused('too-many-requests');
		// Shown for any address in the demo, so the page does not tell staff from strangers there either.
		return options.showCodes ? { shownCode: code } : {};
	}

	type Outcome = { kind: 'admitted'; member: StaffMember } | { kind: 'wrong' } | { kind: 'refused'; reason: SignInProblem };

	async function verifyCode(rawEmail: string, rawCode: string): Promise<StaffMember | null> {
		const parsed = staffEmailSchema.safeParse(rawEmail);
		const code = rawCode.replace(/\s+/g, '');
		if (!parsed.success || !/^\d{6}$/.test(code)) return null;
		const email = parsed.data;
		// Decided inside the transaction, thrown outside it: a wrong try must be counted, not rolled back.
		const outcome = await transaction(sql, async (tx): Promise<Outcome> => {
			await lockAddress(tx, email);
			const [row] = await tx<
				{ id: string; code_hash: Buffer; expired: boolean; used: boolean; failed_attempts: number }[]
			>`
				select id, code_hash, expires_at <= now() as expired, used_at is not null as used, failed_attempts
				from public.staff_sign_in_codes
				where email = ${email}
				order by created_at desc
				limit 1
				for update
			`;
			if (!row || row.used || row.expired) {
				await recordFailedSignIn(tx, email, row ? (row.used ? 'used-code' : 'expired-code') : 'no-code', 'eigen-code');
				return { kind: 'refused', reason: 'expired' };
			}
			if (row.failed_attempts >= MAX_WRONG_TRIES_PER_CODE) {
				await recordFailedSignIn(tx, email, 'locked-code', 'eigen-code');
				return { kind: 'refused', reason: 'too-many-attempts' };
			}
			const expected = Buffer.from(row.code_hash);
			const given = codeHash(secret, row.id, code);
			if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
				const [counted] = await tx<{ failed_attempts: number }[]>`
					update public.staff_sign_in_codes set failed_attempts = failed_attempts + 1
					where id = ${row.id}
					returning failed_attempts
				`;
				const tries = counted?.failed_attempts ?? MAX_WRONG_TRIES_PER_CODE;
				await recordFailedSignIn(tx, email, 'wrong-code', 'eigen-code');
				return tries >= MAX_WRONG_TRIES_PER_CODE ? { kind: 'refused', reason: 'too-many-attempts' } : { kind: 'wrong' };
			}
			await tx`update public.staff_sign_in_codes set used_at = now() where id = ${row.id}`;
			const member = await admitVerifiedEmail(tx, email, 'eigen-code');
			return member ? { kind: 'admitted', member } : { kind: 'wrong' };
		});
		if (outcome.kind === 'refused') throw new SignInRefused(outcome.reason);
		return outcome.kind === 'admitted' ? outcome.member : null;
	}

	return { requestCode, verifyCode };
}

/** Serialises everything about one address's codes for the rest of the transaction. */
async function lockAddress(tx: Sql, email: string): Promise<void> {
	await tx`select pg_advisory_xact_lock(hashtextextended(${`staff-sign-in:${email}`}, 0))`;
}

/** HMAC-SHA256 of the code, bound to its row so equal codes of two rows differ. */
function codeHash(secret: string, id: string, code: string): Buffer {
	return createHmac('sha256', secret).update(`staff-sign-in-code\0${id}\0${code}`).digest();
}
