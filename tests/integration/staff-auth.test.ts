import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_TTL_MINUTES, createOwnCodeSignIn, MAX_REQUESTS_PER_WINDOW, MAX_WRONG_TRIES_PER_DAY } from '../../src/lib/server/auth/own-codes';
import {
	addStaff,
	enrolStaff,
	ensureConfiguredOrganizers,
	listStaff,
	setStaffActive,
	StaffChangeRefused,
	type StaffRole
} from '../../src/lib/server/auth/staff';
import { SignInRefused, type StaffSignIn } from '../../src/lib/server/auth/staff-auth';
import { createStaffSession, endStaffSession, resolveStaffSession } from '../../src/lib/server/auth/staff-sessions';
import { transaction } from '../../src/lib/server/auth/transaction';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

const SECRET = 'staff-auth-test-secret-of-more-than-32-characters';
const SIGN_IN_URL = 'http://localhost:3000/beheer/inloggen';

let db: TestDatabase;
let signIn: StaffSignIn;
let counter = 0;

/** A fresh address per test, so the limits per address of one test never touch another. */
function address(label: string): string {
	counter += 1;
	return `${label}-${counter}@gemeente.example.nl`;
}

async function staff(role: StaffRole = 'organizer', label: string = role): Promise<string> {
	const email = address(label);
	await transaction(db.sql, (tx) => addStaff(tx, { email, name: null, role }, 'systeem'));
	return email;
}

async function outboxFor(email: string) {
	return db.sql<{ kind: string; subject: string; text_body: string }[]>`
		select kind, subject, text_body from public.outbox where recipient = ${email} order by id
	`;
}

/** The code in the newest sign-in mail to `email`: what the person would read. */
async function mailedCode(email: string): Promise<string> {
	const mails = await outboxFor(email);
	const body = mails.at(-1)?.text_body ?? '';
	const code = /(?<!\d)(\d{6})(?!\d)/.exec(body)?.[1];
	if (!code) throw new Error(`no code in the mail to ${email}`);
	return code;
}

/** A six-digit code that is certainly not `code`. */
function otherThan(code: string): string {
	return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof SignInRefused) return error.reason;
		throw error;
	}
	return undefined;
}

beforeAll(async () => {
	db = await createMigratedDatabase();
	signIn = createOwnCodeSignIn({ sql: db.sql, secret: SECRET, showCodes: false, signInUrl: SIGN_IN_URL });
});
afterAll(() => db.drop());

describe('own e-mail codes', () => {
	it('mails a code, stores only its HMAC, and lets active staff in once with it', async () => {
		const email = await staff('organizer');
		expect(await signIn.requestCode(email)).toEqual({});

		const mails = await outboxFor(email);
		expect(mails).toHaveLength(1);
		expect(mails[0]?.kind).toBe('staff-sign-in-code');
		const code = await mailedCode(email);
		expect(mails[0]?.text_body).toContain(SIGN_IN_URL);

		const [row] = await db.sql<{ code_hash: Buffer; minutes: number }[]>`
			select code_hash, round(extract(epoch from expires_at - created_at) / 60)::int as minutes
			from public.staff_sign_in_codes where email = ${email}
		`;
		expect(row?.minutes).toBe(CODE_TTL_MINUTES);
		expect(row?.code_hash).toHaveLength(32);
		expect(Buffer.from(row!.code_hash).equals(createHash('sha256').update(code).digest())).toBe(false);
		expect(Buffer.from(row!.code_hash).toString('latin1')).not.toContain(code);

		const member = await signIn.verifyCode(email.toUpperCase(), code);
		expect(member).toEqual({ email, name: null, role: 'organizer' });
		const [after] = await db.sql<{ last_sign_in_at: Date | null }[]>`select last_sign_in_at from public.staff where email = ${email}`;
		expect(after?.last_sign_in_at).toBeInstanceOf(Date);
		const audit = await db.sql<{ actor: string; action: string; details: Record<string, unknown> }[]>`
			select actor, action, details from public.audit_log where actor = ${email} order by id
		`;
		expect(audit.map((line) => line.action)).toEqual(['staff.signed_in']);
		expect(JSON.stringify(audit)).not.toContain(code);
	});

	it('refuses a code that was used already', async () => {
		const email = await staff();
		await signIn.requestCode(email);
		const code = await mailedCode(email);
		expect(await signIn.verifyCode(email, code)).not.toBeNull();
		expect(await refusal(signIn.verifyCode(email, code))).toBe('expired');
	});

	it('counts wrong codes and locks the code after five, even for the right code then', async () => {
		const email = await staff();
		await signIn.requestCode(email);
		const code = await mailedCode(email);
		for (let attempt = 1; attempt <= 4; attempt += 1) {
			expect(await signIn.verifyCode(email, otherThan(code))).toBeNull();
		}
		const [row] = await db.sql<{ failed_attempts: number }[]>`
			select failed_attempts from public.staff_sign_in_codes where email = ${email}
		`;
		expect(row?.failed_attempts).toBe(4);
		expect(await refusal(signIn.verifyCode(email, otherThan(code)))).toBe('too-many-attempts');
		expect(await refusal(signIn.verifyCode(email, code))).toBe('too-many-attempts');

		const failures = await db.sql`
			select 1 from public.audit_log where actor = ${email} and action = 'staff.sign_in_failed'
		`;
		expect(failures.length).toBe(6);
		// A new code starts with a clean count.
		await signIn.requestCode(email);
		expect(await signIn.verifyCode(email, await mailedCode(email))).not.toBeNull();
	});

	it('refuses an expired code', async () => {
		const email = await staff();
		await signIn.requestCode(email);
		const code = await mailedCode(email);
		await db.sql`update public.staff_sign_in_codes set expires_at = now() - interval '1 second' where email = ${email}`;
		expect(await refusal(signIn.verifyCode(email, code))).toBe('expired');
	});

	it('lets a newer code replace an older one', async () => {
		const email = await staff();
		await signIn.requestCode(email);
		const older = await mailedCode(email);
		await signIn.requestCode(email);
		let newer = await mailedCode(email);
		// One in a million the two are equal; then ask once more.
		if (newer === older) {
			await signIn.requestCode(email);
			newer = await mailedCode(email);
		}
		expect(await signIn.verifyCode(email, older)).toBeNull();
		expect(await signIn.verifyCode(email, newer)).toMatchObject({ email });
		const open = await db.sql`
			select 1 from public.staff_sign_in_codes where email = ${email} and used_at is null and expires_at > now()
		`;
		expect(open.length).toBe(0);
	});

	it('answers an unknown address exactly like staff, and mails nothing', async () => {
		const known = await staff();
		const unknown = address('niemand');
		const mailsBefore = await db.sql`select 1 from public.outbox`;
		expect(await signIn.requestCode(unknown)).toEqual(await signIn.requestCode(known));
		const mailsAfter = await db.sql`select 1 from public.outbox`;
		expect(mailsAfter.length).toBe(mailsBefore.length + 1);
		expect(await outboxFor(unknown)).toHaveLength(0);
		// Guessing for an unknown address fails the way a wrong code for staff does.
		expect(await signIn.verifyCode(unknown, '123456')).toBeNull();
		// The audit log does not keep addresses that are not staff.
		expect((await db.sql`select 1 from public.audit_log where actor = ${unknown} or details::text like ${`%${unknown}%`}`).length).toBe(0);

		// The demo shows a code for both, so the page does not tell them apart either.
		const demo = createOwnCodeSignIn({ sql: db.sql, secret: SECRET, showCodes: true, signInUrl: SIGN_IN_URL });
		const demoKnown = await demo.requestCode(known);
		const demoUnknown = await demo.requestCode(unknown);
		expect(demoKnown.shownCode).toMatch(/^\d{6}$/);
		expect(demoUnknown.shownCode).toMatch(/^\d{6}$/);
		expect(demoKnown.shownCode).toBe(await mailedCode(known));
		expect(await demo.verifyCode(unknown, demoUnknown.shownCode!)).toBeNull();
	});

	it('gives no new code to an address that had a day’s worth of wrong tries', async () => {
		const known = await staff();
		// Wrong tries spread over earlier codes, as a patient guesser would leave them.
		await db.sql`
			insert into public.staff_sign_in_codes (email, code_hash, expires_at, failed_attempts, created_at)
			select ${known}, decode('00', 'hex'), now() - interval '2 hours', 5, now() - interval '3 hours'
			from generate_series(1, ${MAX_WRONG_TRIES_PER_DAY / 5})
		`;
		expect(await refusal(signIn.requestCode(known))).toBe('too-many-requests');
		expect(await outboxFor(known)).toHaveLength(0);
	});

	it('limits code requests per address, for staff and strangers alike', async () => {
		const known = await staff();
		const unknown = address('vreemde');
		for (let request = 1; request <= MAX_REQUESTS_PER_WINDOW; request += 1) {
			await signIn.requestCode(known);
			await signIn.requestCode(unknown);
		}
		expect(await refusal(signIn.requestCode(known))).toBe('too-many-requests');
		expect(await refusal(signIn.requestCode(unknown))).toBe('too-many-requests');
		expect(await outboxFor(known)).toHaveLength(MAX_REQUESTS_PER_WINDOW);
		// Concurrent requests queue on the address's lock: never more than the limit.
		const racer = await staff();
		await Promise.allSettled(Array.from({ length: 12 }, () => signIn.requestCode(racer)));
		expect(await outboxFor(racer)).toHaveLength(MAX_REQUESTS_PER_WINDOW);
	});

	it('does not let inactive staff in', async () => {
		const organizer = await staff();
		const leaver = await staff('facilitator', 'vertrokken');

		// A code asked for while still active does not work once switched off on the team page.
		await signIn.requestCode(leaver);
		const code = await mailedCode(leaver);
		await transaction(db.sql, (tx) => setStaffActive(tx, leaver, false, organizer));
		expect(await refusal(signIn.verifyCode(leaver, code))).toBe('expired');

		// Switched off: no mail any more.
		await signIn.requestCode(leaver);
		expect(await outboxFor(leaver)).toHaveLength(1);

		// And even a fitting code is refused: the staff table decides, not the code.
		const other = await staff('facilitator');
		await signIn.requestCode(other);
		const otherCode = await mailedCode(other);
		await db.sql`update public.staff set active = false where email = ${other}`;
		expect(await signIn.verifyCode(other, otherCode)).toBeNull();
	});
});

describe('staff sessions', () => {
	it('resolves a session from its cookie secret, storing only the hash', async () => {
		const email = await staff('facilitator');
		const session = await createStaffSession(db.sql, email);
		expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(11.9);
		expect(hours).toBeLessThanOrEqual(12);

		const stored = await db.sql<{ token_hash: Buffer }[]>`select token_hash from public.staff_sessions where email = ${email}`;
		expect(stored).toHaveLength(1);
		expect(Buffer.from(stored[0]!.token_hash).equals(createHash('sha256').update(session.token).digest())).toBe(true);

		expect(await resolveStaffSession(db.sql, session.token)).toEqual({
			member: { email, name: null, role: 'facilitator' },
			sessionId: session.sessionId
		});
		expect(await resolveStaffSession(db.sql, `${session.token.slice(0, -1)}${session.token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
		expect(await resolveStaffSession(db.sql, 'kapot')).toBeNull();
		expect(await resolveStaffSession(db.sql, undefined)).toBeNull();
	});

	it('notes the last use at most once a minute', async () => {
		const email = await staff();
		const { token } = await createStaffSession(db.sql, email);
		const lastSeen = async () =>
			(await db.sql<{ last_seen_at: Date }[]>`select last_seen_at from public.staff_sessions where email = ${email}`)[0]?.last_seen_at;

		await db.sql`update public.staff_sessions set last_seen_at = now() - interval '30 seconds' where email = ${email}`;
		const recent = await lastSeen();
		await resolveStaffSession(db.sql, token);
		expect(await lastSeen()).toEqual(recent);

		await db.sql`update public.staff_sessions set last_seen_at = now() - interval '2 minutes' where email = ${email}`;
		const stale = await lastSeen();
		await resolveStaffSession(db.sql, token);
		expect((await lastSeen())!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
	});

	it('ends at its expiry, at sign-out, and when its owner is switched off', async () => {
		const organizer = await staff();
		const email = await staff('facilitator');

		const expiring = await createStaffSession(db.sql, email);
		await db.sql`update public.staff_sessions set expires_at = now() - interval '1 second' where token_hash = ${Buffer.from(expiring.sessionId, 'base64url')}`;
		expect(await resolveStaffSession(db.sql, expiring.token)).toBeNull();
		expect((await db.sql`select 1 from public.staff_sessions where token_hash = ${Buffer.from(expiring.sessionId, 'base64url')}`).length).toBe(0);

		const signedOut = await createStaffSession(db.sql, email);
		const kept = await createStaffSession(db.sql, email);
		await endStaffSession(db.sql, signedOut.sessionId);
		expect(await resolveStaffSession(db.sql, signedOut.token)).toBeNull();
		expect(await resolveStaffSession(db.sql, kept.token)).not.toBeNull();
		expect((await db.sql`select 1 from public.audit_log where actor = ${email} and action = 'staff.signed_out'`).length).toBe(1);

		await transaction(db.sql, (tx) => setStaffActive(tx, email, false, organizer));
		expect(await resolveStaffSession(db.sql, kept.token)).toBeNull();
		expect((await db.sql`select 1 from public.staff_sessions where email = ${email}`).length).toBe(0);

		// Switched off some other way (by hand in SQL): the session still does not count.
		const other = await staff('facilitator');
		const session = await createStaffSession(db.sql, other);
		await db.sql`update public.staff set active = false where email = ${other}`;
		expect(await resolveStaffSession(db.sql, session.token)).toBeNull();
	});
});

describe('the team', () => {
	it('makes ORGANIZER_EMAILS organizers, once, and leaves a deactivated one off', async () => {
		const fresh = address('config');
		const facilitator = await staff('facilitator');
		const emails = [` ${fresh.toUpperCase()} `, facilitator, 'geen-adres'];

		expect(await ensureConfiguredOrganizers(db.sql, emails, silentLog)).toEqual({ added: 1, promoted: 1, inactive: 0 });
		expect(await ensureConfiguredOrganizers(db.sql, emails, silentLog)).toEqual({ added: 0, promoted: 0, inactive: 0 });

		const team = await listStaff(db.sql);
		expect(team.filter((member) => member.email === fresh)).toMatchObject([{ role: 'organizer', active: true }]);
		expect(team.find((member) => member.email === facilitator)?.role).toBe('organizer');
		const lines = await db.sql`
			select action from public.audit_log where details->>'source' = 'ORGANIZER_EMAILS' and details->>'email' in ${db.sql([fresh, facilitator])}
		`;
		expect(lines.map((line) => line.action).sort()).toEqual(['staff.added', 'staff.role_changed']);

		await transaction(db.sql, (tx) => setStaffActive(tx, fresh, false, facilitator));
		expect(await ensureConfiguredOrganizers(db.sql, [fresh], silentLog)).toEqual({ added: 0, promoted: 0, inactive: 1 });
		expect((await listStaff(db.sql)).find((member) => member.email === fresh)?.active).toBe(false);
	});

	it('never switches off the last active organizer, nor lets someone switch themselves off', async () => {
		// A database of its own: "the last organizer" is about the whole team.
		const own = await createMigratedDatabase();
		try {
			const add = (email: string, role: StaffRole) =>
				transaction(own.sql, (tx) => addStaff(tx, { email, name: null, role }, 'systeem'));
			const reason = async (work: Promise<unknown>) => {
				try {
					await work;
				} catch (error) {
					if (error instanceof StaffChangeRefused) return error.reason;
					throw error;
				}
				return undefined;
			};
			await add('eerste@example.nl', 'organizer');
			await add('facilitator@example.nl', 'facilitator');
			const deactivate = (email: string, actor: string) =>
				transaction(own.sql, (tx) => setStaffActive(tx, email, false, actor));

			expect(await reason(deactivate('eerste@example.nl', 'facilitator@example.nl'))).toBe('last-organizer');
			expect(await reason(deactivate('eerste@example.nl', 'eerste@example.nl'))).toBe('self');
			// Demoting the last organizer through the command line is refused as well.
			expect(await reason(transaction(own.sql, (tx) => enrolStaff(tx, { email: 'eerste@example.nl', role: 'facilitator' }, 'systeem')))).toBe(
				'last-organizer'
			);

			// Two organizers switching each other off at the same moment: the second waits for the
			// first to commit, then sees it is the last one. The first is held open on purpose.
			await add('tweede@example.nl', 'organizer');
			let commitFirst = () => {};
			const held = new Promise<void>((resolve) => (commitFirst = resolve));
			let firstChanged = () => {};
			const changed = new Promise<void>((resolve) => (firstChanged = resolve));
			const first = transaction(own.sql, async (tx) => {
				await setStaffActive(tx, 'eerste@example.nl', false, 'tweede@example.nl');
				firstChanged();
				await held;
			});
			await changed;
			const second = deactivate('tweede@example.nl', 'eerste@example.nl');
			await new Promise((resolve) => setTimeout(resolve, 250));
			commitFirst();
			const results = await Promise.allSettled([first, second]);
			expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
			expect(await reason(second)).toBe('last-organizer');
			const active = await own.sql`select email from public.staff where role = 'organizer' and active`;
			expect(active).toHaveLength(1);

			// A facilitator can always be switched off, and back on.
			const organizer = String(active[0]?.email);
			expect(await reason(deactivate('facilitator@example.nl', organizer))).toBeUndefined();
			await transaction(own.sql, (tx) => setStaffActive(tx, 'facilitator@example.nl', true, organizer));
			expect((await listStaff(own.sql)).find((member) => member.email === 'facilitator@example.nl')?.active).toBe(true);
		} finally {
			await own.drop();
		}
	});

	it('refuses to add an address twice; the command line adds or switches back on', async () => {
		const email = await staff('facilitator');
		await expect(transaction(db.sql, (tx) => addStaff(tx, { email, name: 'Anna', role: 'organizer' }, 'systeem'))).rejects.toThrow(
			StaffChangeRefused
		);
		const organizer = await staff();
		await transaction(db.sql, (tx) => setStaffActive(tx, email, false, organizer));

		const enrol = (input: { email: string; role?: StaffRole; name?: string }) => transaction(db.sql, (tx) => enrolStaff(tx, input, 'systeem'));
		expect(await enrol({ email })).toMatchObject({ outcome: 'activated', member: { role: 'facilitator' } });
		expect(await enrol({ email })).toMatchObject({ outcome: 'unchanged' });
		expect(await enrol({ email, role: 'organizer', name: 'Anna de Vries' })).toEqual({
			outcome: 'updated',
			member: { email, name: 'Anna de Vries', role: 'organizer' }
		});
		const newcomer = address('nieuw');
		expect(await enrol({ email: newcomer })).toEqual({ outcome: 'added', member: { email: newcomer, name: null, role: 'organizer' } });
	});
});
