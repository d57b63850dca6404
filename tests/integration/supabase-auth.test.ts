import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addStaff } from '../../src/lib/server/auth/staff';
import { createStaffSignIn, SignInRefused, type StaffSignIn } from '../../src/lib/server/auth/staff-auth';
import { transaction } from '../../src/lib/server/auth/transaction';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

// Hosted Supabase Auth cannot run here: a fake `fetch` given to supabase-js stands in for it and
// records what supabase-js sends. Everything else — the staff table, the audit log — is real.

const SUPABASE_URL = 'https://project-ref.supabase.co';
const ANON_KEY = 'anon-key-for-tests-0123456789abcdef';
const STAFF = 'organisator@gemeente.example.nl';

interface Recorded {
	method: string;
	url: string;
	headers: Headers;
	body: Record<string, unknown>;
}

let db: TestDatabase;
let requests: Recorded[] = [];
let answer: (request: Recorded) => Response | Promise<Response> = () => json(200, {});

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' }
	});
}

const fakeFetch: typeof fetch = async (input, init) => {
	const request = new Request(input, init);
	const text = await request.text();
	const recorded: Recorded = {
		method: request.method,
		url: request.url,
		headers: request.headers,
		body: text ? (JSON.parse(text) as Record<string, unknown>) : {}
	};
	requests.push(recorded);
	return answer(recorded);
};

/** What Supabase's /verify answers for a right code: a session with the user it belongs to. */
function sessionFor(email: string) {
	return {
		access_token: 'header.payload.signature',
		token_type: 'bearer',
		expires_in: 3600,
		expires_at: Math.floor(Date.now() / 1000) + 3600,
		refresh_token: 'refresh-token',
		user: { id: '5b1e0c9a-4d44-4f0e-9a3e-3d2b1f0e7a61', aud: 'authenticated', role: 'authenticated', email, app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() }
	};
}

function signIn(): StaffSignIn {
	return createStaffSignIn({
		sql: db.sql,
		config: {
			SESSION_SECRET: 'not-used-by-the-supabase-adapter-0123456789',
			supabaseAuth: { url: SUPABASE_URL, anonKey: ANON_KEY },
			showSignInCodes: true,
			publicOrigin: 'http://localhost:3000'
		},
		log: silentLog,
		fetch: fakeFetch
	});
}

async function reason(work: Promise<unknown>): Promise<string | undefined> {
	try {
		await work;
	} catch (error) {
		if (error instanceof SignInRefused) return error.reason;
		throw error;
	}
	return undefined;
}

beforeAll(async () => {
	db = await createMigratedDatabase();
	await transaction(db.sql, (tx) => addStaff(tx, { email: STAFF, name: 'Olga Organisator', role: 'organizer' }, 'systeem'));
});
afterAll(() => db.drop());
beforeEach(() => {
	requests = [];
	answer = () => json(200, {});
});

describe('staff sign-in through Supabase Auth', () => {
	it('asks Supabase to mail a code to staff, without creating users and without showing a code', async () => {
		expect(await signIn().requestCode(' Organisator@Gemeente.example.nl ')).toEqual({});
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request?.method).toBe('POST');
		expect(request?.url).toBe(`${SUPABASE_URL}/auth/v1/otp`);
		expect(request?.headers.get('apikey')).toBe(ANON_KEY);
		expect(request?.body).toMatchObject({ email: STAFF, create_user: false });
		// No outbox mail: Supabase sends it.
		expect((await db.sql`select 1 from public.outbox`).length).toBe(0);
	});

	it('sends nothing to Supabase for an address that is not staff, and answers the same', async () => {
		expect(await signIn().requestCode('onbekend@example.nl')).toEqual({});
		expect(requests).toHaveLength(0);
	});

	it('lets staff in when Supabase verifies the code, with the staff table deciding the role', async () => {
		answer = () => json(200, sessionFor(STAFF));
		const member = await signIn().verifyCode(STAFF, '123456');
		expect(member).toEqual({ email: STAFF, name: 'Olga Organisator', role: 'organizer' });
		expect(requests).toHaveLength(1);
		expect(requests[0]?.url).toBe(`${SUPABASE_URL}/auth/v1/verify`);
		expect(requests[0]?.body).toMatchObject({ email: STAFF, token: '123456', type: 'email' });
		const [line] = await db.sql<{ details: { method: string } }[]>`
			select details from public.audit_log where actor = ${STAFF} and action = 'staff.signed_in' order by id desc limit 1
		`;
		expect(line?.details.method).toBe('supabase');
	});

	it('refuses an address Supabase verified but that is not (active) staff', async () => {
		answer = () => json(200, sessionFor('gewoon-iemand@example.nl'));
		expect(await signIn().verifyCode('gewoon-iemand@example.nl', '123456')).toBeNull();

		await transaction(db.sql, (tx) => addStaff(tx, { email: 'oud@example.nl', name: null, role: 'facilitator' }, 'systeem'));
		await db.sql`update public.staff set active = false where email = 'oud@example.nl'`;
		answer = () => json(200, sessionFor('oud@example.nl'));
		expect(await signIn().verifyCode('oud@example.nl', '123456')).toBeNull();
		expect(requests).toHaveLength(2);
	});

	it('treats a wrong or expired code as "try again", and records the failure', async () => {
		answer = () => json(403, { code: 'otp_expired', msg: 'Token has expired or is invalid' });
		expect(await signIn().verifyCode(STAFF, '000000')).toBeNull();
		const failures = await db.sql`select 1 from public.audit_log where actor = ${STAFF} and action = 'staff.sign_in_failed'`;
		expect(failures.length).toBeGreaterThan(0);
	});

	it('passes on Supabase’s rate limits, and says when Supabase cannot be reached', async () => {
		answer = () => json(429, { code: 'over_email_send_rate_limit', msg: 'email rate limit exceeded' });
		expect(await reason(signIn().requestCode(STAFF))).toBe('too-many-requests');
		answer = () => json(429, { code: 'over_request_rate_limit', msg: 'Request rate limit reached' });
		expect(await reason(signIn().verifyCode(STAFF, '123456'))).toBe('too-many-requests');
		answer = () => Promise.reject(new TypeError('fetch failed'));
		expect(await reason(signIn().requestCode(STAFF))).toBe('unavailable');
		expect(await reason(signIn().verifyCode(STAFF, '123456'))).toBe('unavailable');
	});

	it('answers as usual when a staff member has no Supabase user yet', async () => {
		answer = () => json(422, { code: 'otp_disabled', msg: 'Signups not allowed for otp' });
		expect(await signIn().requestCode(STAFF)).toEqual({});
	});
});
