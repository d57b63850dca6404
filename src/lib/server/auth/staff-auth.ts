import type { Config } from '../config';
import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { createOwnCodeSignIn } from './own-codes';
import type { StaffMember } from './staff';
import { createSupabaseSignIn } from './supabase-auth';

export { SignInRefused, WRONG_CODE_MESSAGE, type SignInProblem } from './sign-in-outcome';

/**
 * Staff sign in with a one-time code sent by e-mail. Two ways to do that sit behind this one
 * interface: the app's own codes (the default), or Supabase Auth when it is configured. Either
 * way the `staff` table decides who gets in; the sign-in only proves that someone reads the mail
 * of an address.
 */
export interface StaffSignIn {
	/**
	 * Sends a code to `email` if it belongs to active staff. The answer is the same for every
	 * address, so nobody can find out who is staff by trying. `shownCode` is set only in the demo
	 * without a mail server (`showSignInCodes`). Throws `SignInRefused('too-many-requests')`.
	 */
	requestCode(email: string): Promise<{ shownCode?: string }>;
	/**
	 * The staff member when `code` is the valid code of `email` and they are active staff; null
	 * when the code does not fit (they may try again). Throws `SignInRefused` when trying again
	 * makes no sense: the code expired or was used, it had too many wrong tries, or there were
	 * too many attempts.
	 */
	verifyCode(email: string, code: string): Promise<StaffMember | null>;
}

/**
 * The sign-in the configuration asks for: Supabase Auth when `supabaseAuth` is set, the app's
 * own codes otherwise. `fetch` is for tests of the Supabase adapter only.
 */
export function createStaffSignIn(deps: {
	sql: Sql;
	config: Pick<Config, 'SESSION_SECRET' | 'supabaseAuth' | 'showSignInCodes' | 'publicOrigin'>;
	log: Logger;
	fetch?: typeof fetch;
}): StaffSignIn {
	const { sql, config, log } = deps;
	if (config.supabaseAuth) {
		return createSupabaseSignIn({ sql, url: config.supabaseAuth.url, anonKey: config.supabaseAuth.anonKey, log, fetch: deps.fetch });
	}
	return createOwnCodeSignIn({
		sql,
		secret: config.SESSION_SECRET,
		showCodes: config.showSignInCodes,
		signInUrl: `${config.publicOrigin}/beheer/inloggen`
	});
}
