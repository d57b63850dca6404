import { createClient, isAuthApiError, type AuthError } from '@supabase/supabase-js';
import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { admitVerifiedEmail, recordFailedSignIn, SignInRefused } from './sign-in-outcome';
import { findActiveStaff } from './staff';
import type { StaffSignIn } from './staff-auth';
import { staffEmailSchema } from './schema';
import { transaction } from './transaction';

const RATE_LIMIT_CODES = new Set(['over_email_send_rate_limit', 'over_request_rate_limit']);
/** Supabase's answers for an address without an Auth user when sign-ups are off. */
const NO_AUTH_USER_CODES = new Set(['otp_disabled', 'signup_disabled', 'user_not_found']);

/**
 * Staff sign-in through Supabase Auth's e-mail one-time codes, when PUBLIC_SUPABASE_URL and its
 * anon key are set. A thin adapter: Supabase sends and checks the code, the `staff` table still
 * decides who gets in, and the app makes its own session (Supabase's session is not kept).
 * Supabase never creates users here (`shouldCreateUser: false`): staff need an Auth user made in
 * the Supabase dashboard as well as a row in `staff`.
 */
export function createSupabaseSignIn(options: {
	sql: Sql;
	url: string;
	anonKey: string;
	log: Logger;
	/** Only for tests: hosted Supabase cannot run here. */
	fetch?: typeof fetch;
}): StaffSignIn {
	const { sql, log } = options;

	// A client per call: with `persistSession: false` it keeps the session in its own memory,
	// and one person's session must never sit in an object another request uses.
	function client() {
		return createClient(options.url, options.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			...(options.fetch ? { global: { fetch: options.fetch } } : {})
		});
	}

	function refusalFor(error: AuthError, step: string): SignInRefused {
		if ((error.code && RATE_LIMIT_CODES.has(error.code)) || error.status === 429) return new SignInRefused('too-many-requests');
		log.error({ err: error, step }, 'Supabase Auth did not answer as expected');
		return new SignInRefused('unavailable');
	}

	async function requestCode(rawEmail: string): Promise<{ shownCode?: string }> {
		const parsed = staffEmailSchema.safeParse(rawEmail);
		if (!parsed.success) return {};
		const email = parsed.data;
		// Nothing leaves for Supabase for someone who is not staff: no mail, and the same answer.
		if (!(await findActiveStaff(sql, email))) return {};
		const { error } = await client().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
		if (!error) return {};
		if (isAuthApiError(error) && error.code && NO_AUTH_USER_CODES.has(error.code)) {
			log.warn('a staff member has no Supabase Auth user; create one in the Supabase dashboard');
			return {};
		}
		throw refusalFor(error, 'signInWithOtp');
	}

	async function verifyCode(rawEmail: string, rawCode: string) {
		const parsed = staffEmailSchema.safeParse(rawEmail);
		const code = rawCode.replace(/\s+/g, '');
		if (!parsed.success || !/^\d{6,10}$/.test(code)) return null;
		const { data, error } = await client().auth.verifyOtp({ email: parsed.data, token: code, type: 'email' });
		if (error) {
			// Supabase answers a wrong and an expired code alike (`otp_expired`): both may simply try again.
			if (isAuthApiError(error) && !RATE_LIMIT_CODES.has(error.code ?? '') && error.status !== 429) {
				await recordFailedSignIn(sql, parsed.data, 'wrong-or-expired-code', 'supabase');
				return null;
			}
			throw refusalFor(error, 'verifyOtp');
		}
		const verified = data.user?.email ? staffEmailSchema.safeParse(data.user.email) : undefined;
		if (!verified?.success) return null;
		return transaction(sql, (tx) => admitVerifiedEmail(tx, verified.data, 'supabase'));
	}

	return { requestCode, verifyCode };
}
