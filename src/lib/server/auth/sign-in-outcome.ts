import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { findActiveStaff, type StaffMember } from './staff';

// What both sign-in implementations share: the refusals and what happens once an address is proven.

export type SignInProblem = 'expired' | 'too-many-attempts' | 'too-many-requests' | 'unavailable';

const problemMessages: Record<SignInProblem, string> = {
	expired: 'Deze code is verlopen of al gebruikt. Vraag een nieuwe code aan.',
	'too-many-attempts': 'Je hebt te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan.',
	'too-many-requests': 'Er zijn te veel pogingen gedaan om in te loggen. Wacht een kwartier en probeer het dan opnieuw.',
	unavailable: 'Inloggen lukt nu niet. Probeer het over een paar minuten opnieuw.'
};

/** A sign-in that cannot go on with this code; `message` is the Dutch sentence for the page. */
export class SignInRefused extends Error {
	override name = 'SignInRefused';
	constructor(readonly reason: SignInProblem) {
		super(problemMessages[reason]);
	}
}

/** Shown when a code does not fit: also covers an address that is not (or no longer) staff. */
export const WRONG_CODE_MESSAGE =
	'Inloggen lukt niet met deze code. Kijk of je de code goed hebt overgenomen en of je het e-mailadres gebruikt waarmee je in het team staat.';

export type SignInMethod = 'eigen-code' | 'supabase';

/**
 * After an address was proven (a code fitted): let it in if it is active staff, note the
 * sign-in, and write the audit line — inside the caller's transaction.
 */
export async function admitVerifiedEmail(tx: Sql, email: string, method: SignInMethod): Promise<StaffMember | null> {
	const member = await findActiveStaff(tx, email);
	if (!member) {
		await recordFailedSignIn(tx, email, 'not-active-staff', method);
		return null;
	}
	await tx`update public.staff set last_sign_in_at = now() where email = ${member.email}`;
	await recordAudit(tx, { actor: member.email, action: 'staff.signed_in', details: { method } });
	return member;
}

/**
 * An audit line for a failed sign-in. Named after the address only when it belongs to staff
 * (someone may be trying to get in as them); any other address someone typed is not kept.
 * Never the code.
 */
export async function recordFailedSignIn(tx: Sql, email: string, reason: string, method: SignInMethod): Promise<void> {
	const [known] = await tx<{ email: string }[]>`select email from public.staff where email = ${email}`;
	await recordAudit(tx, {
		actor: known ? known.email : 'systeem',
		action: 'staff.sign_in_failed',
		details: known ? { reason, method } : { reason, method, knownAddress: false }
	});
}
