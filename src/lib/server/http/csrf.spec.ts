import { isHttpError, type Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { assertCsrf, CSRF_MAX_AGE_SECONDS, CSRF_REFUSED_MESSAGE, csrfFor, csrfToken, verifyCsrfToken } from './csrf';

const SECRET = 'a-test-secret-that-is-long-enough-for-the-app-0123456789';
const BINDING = 'visitor:6f1c2a0e-8d5b-4f3a-9c7e-2b1d0a9e8f7c';
const NOW = Date.UTC(2026, 10, 23, 9, 30);

describe('csrfToken / verifyCsrfToken', () => {
	it('accepts a token for the same binding and secret', () => {
		expect(verifyCsrfToken(SECRET, BINDING, csrfToken(SECRET, BINDING, NOW), NOW)).toBe(true);
		// Still valid a minute before the 12 hours are up.
		expect(verifyCsrfToken(SECRET, BINDING, csrfToken(SECRET, BINDING, NOW), NOW + (CSRF_MAX_AGE_SECONDS - 60) * 1000)).toBe(true);
	});

	it('refuses a forged token: another secret, or a changed MAC or issued-at', () => {
		const token = csrfToken(SECRET, BINDING, NOW);
		expect(verifyCsrfToken(SECRET, BINDING, csrfToken(`${SECRET}x`, BINDING, NOW), NOW)).toBe(false);
		const [issuedAt, mac] = token.split('.') as [string, string];
		const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
		expect(verifyCsrfToken(SECRET, BINDING, `${issuedAt}.${flipped}`, NOW)).toBe(false);
		// A newer issued-at with the old MAC: the MAC covers the time, so the age cannot be stretched.
		const later = (Number.parseInt(issuedAt, 36) + 3600).toString(36);
		expect(verifyCsrfToken(SECRET, BINDING, `${later}.${mac}`, NOW + 3600_000)).toBe(false);
	});

	it('refuses a token made for another binding (another visitor, or a staff session)', () => {
		const token = csrfToken(SECRET, BINDING, NOW);
		expect(verifyCsrfToken(SECRET, 'visitor:00000000-0000-4000-8000-000000000000', token, NOW)).toBe(false);
		expect(verifyCsrfToken(SECRET, 'staff:abc', token, NOW)).toBe(false);
	});

	it('refuses an expired token, and one from too far in the future', () => {
		const token = csrfToken(SECRET, BINDING, NOW);
		expect(verifyCsrfToken(SECRET, BINDING, token, NOW + (CSRF_MAX_AGE_SECONDS + 1) * 1000)).toBe(false);
		expect(verifyCsrfToken(SECRET, BINDING, csrfToken(SECRET, BINDING, NOW + 10 * 60_000), NOW)).toBe(false);
	});

	it('refuses malformed and empty tokens', () => {
		const token = csrfToken(SECRET, BINDING, NOW);
		for (const bad of ['', '.', token.replace('.', ''), `${token}.x`, `${token}=`, ` ${token}`, 'zzzzzzzzzzzz.abc', null, undefined, 42, {}]) {
			expect(verifyCsrfToken(SECRET, BINDING, bad, NOW)).toBe(false);
		}
		// An empty binding never verifies, even with a token made for it.
		expect(verifyCsrfToken(SECRET, '', csrfToken(SECRET, '', NOW), NOW)).toBe(false);
	});
});

/** A cookie jar with SvelteKit's `get`/`set`, enough for the visitor cookie. */
function cookieJar(initial: Record<string, string> = {}): Cookies & { jar: Map<string, string> } {
	const jar = new Map(Object.entries(initial));
	return {
		jar,
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	};
}

function event(options: { cookies?: Cookies; sessionId?: string } = {}) {
	const staff = options.sessionId
		? { member: { email: 'o@example.nl', name: null, role: 'organizer' as const }, sessionId: options.sessionId }
		: null;
	// Only what the CSRF helpers read; the rest of App.Locals is not needed here.
	return {
		locals: { config: { SESSION_SECRET: SECRET }, staff },
		cookies: options.cookies ?? cookieJar(),
		url: new URL('http://localhost/beheer/team')
	} as unknown as Parameters<typeof assertCsrf>[0];
}

function formWith(token: string | null): FormData {
	const form = new FormData();
	if (token !== null) form.set('csrf', token);
	return form;
}

function refusal(run: () => void): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	return undefined;
}

describe('csrfFor / assertCsrf', () => {
	it('binds an anonymous page to its visitor cookie, setting one when missing', () => {
		const cookies = cookieJar();
		const token = csrfFor(event({ cookies }));
		expect(cookies.jar.get('os_bezoeker')).toMatch(/^[0-9a-f-]{36}$/);
		expect(refusal(() => assertCsrf(event({ cookies }), formWith(token)))).toBeUndefined();
		// Another visitor (another cookie) cannot use it.
		const error = refusal(() => assertCsrf(event({ cookies: cookieJar() }), formWith(token)));
		expect(isHttpError(error, 403)).toBe(true);
	});

	it('binds a signed-in page to the staff session, not to the visitor cookie', () => {
		const cookies = cookieJar({ os_bezoeker: '6f1c2a0e-8d5b-4f3a-9c7e-2b1d0a9e8f7c' });
		const token = csrfFor(event({ cookies, sessionId: 'session-a' }));
		expect(refusal(() => assertCsrf(event({ cookies, sessionId: 'session-a' }), formWith(token)))).toBeUndefined();
		expect(isHttpError(refusal(() => assertCsrf(event({ cookies, sessionId: 'session-b' }), formWith(token))), 403)).toBe(true);
		expect(isHttpError(refusal(() => assertCsrf(event({ cookies }), formWith(token))), 403)).toBe(true);
	});

	it('answers a missing or broken token with 403 and the Dutch message', () => {
		for (const token of [null, '', 'kapot']) {
			const error = refusal(() => assertCsrf(event(), formWith(token)));
			expect(isHttpError(error, 403)).toBe(true);
			expect(isHttpError(error) && error.body.message).toBe(CSRF_REFUSED_MESSAGE);
		}
	});
});
