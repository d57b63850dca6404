import { error, type RequestEvent } from '@sveltejs/kit';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { visitorId } from './visitor';

/** The hidden form field that carries the token. */
export const CSRF_FIELD = 'csrf';
/** How long a form stays valid: a desk page left open all day still posts. */
export const CSRF_MAX_AGE_SECONDS = 12 * 60 * 60;
// A token "from the future" within this margin is clock skew between app instances, not a forgery.
const CLOCK_SKEW_SECONDS = 60;
const TOKEN_PATTERN = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

export const CSRF_REFUSED_MESSAGE =
	'Dit formulier is verlopen of komt niet van deze website. Laad de pagina opnieuw en probeer het nog eens.';

function mac(secret: string, binding: string, issuedAt: number): string {
	// The purpose goes into the MAC too: SESSION_SECRET signs other things, which must not pass for a form token.
	return createHmac('sha256', secret).update(`csrf\0${binding}\0${issuedAt}`).digest('base64url');
}

/**
 * A token for the forms of one page: when it was issued, and an HMAC-SHA256 over that moment
 * and `binding` (who the page was made for). Stateless: nothing is stored, so any app instance
 * with the same secret can check it.
 */
export function csrfToken(secret: string, binding: string, now: number = Date.now()): string {
	const issuedAt = Math.floor(now / 1000);
	return `${issuedAt.toString(36)}.${mac(secret, binding, issuedAt)}`;
}

/**
 * Whether `token` was issued by this app, for this `binding`, less than 12 hours ago. The MAC
 * is compared in constant time, so its bytes cannot be guessed one by one from response times.
 */
export function verifyCsrfToken(secret: string, binding: string, token: unknown, now: number = Date.now()): boolean {
	if (typeof token !== 'string' || binding === '') return false;
	const match = TOKEN_PATTERN.exec(token);
	if (!match?.[1] || !match[2]) return false;
	const issuedAt = Number.parseInt(match[1], 36);
	const age = Math.floor(now / 1000) - issuedAt;
	if (!Number.isSafeInteger(issuedAt) || age > CSRF_MAX_AGE_SECONDS || age < -CLOCK_SKEW_SECONDS) return false;
	const given = Buffer.from(match[2]);
	const expected = Buffer.from(mac(secret, binding, issuedAt));
	return given.length === expected.length && timingSafeEqual(given, expected);
}

type CsrfEvent = Pick<RequestEvent, 'locals' | 'cookies' | 'url'>;

/**
 * Who a form is for: the staff session when someone is signed in, else the anonymous visitor
 * cookie (set here when missing). A token stolen from one person's page is useless in another's.
 */
export function csrfBinding(event: CsrfEvent): string {
	const staff = event.locals.staff;
	if (staff) return `staff:${staff.sessionId}`;
	return `visitor:${visitorId(event.cookies, event.url.protocol === 'https:')}`;
}

/** A CSRF token for the page being loaded; put it in every form with `<CsrfField token={data.csrf} />`. */
export function csrfFor(event: CsrfEvent): string {
	return csrfToken(event.locals.config.SESSION_SECRET, csrfBinding(event));
}

/**
 * Refuses a form post (403, in Dutch) whose token is missing, malformed, forged, made for
 * someone else, or older than 12 hours. Call it first in every form action that changes
 * something.
 */
export function assertCsrf(event: CsrfEvent, formData: FormData): void {
	const token = formData.get(CSRF_FIELD);
	if (!verifyCsrfToken(event.locals.config.SESSION_SECRET, csrfBinding(event), token)) {
		error(403, CSRF_REFUSED_MESSAGE);
	}
}
