import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { signInLimits } from '$lib/server/auth/attempt-limiter';
import { requestCodeSchema, safeReturnPath, verifyCodeSchema } from '$lib/server/auth/schema';
import { createStaffSignIn, SignInRefused, WRONG_CODE_MESSAGE } from '$lib/server/auth/staff-auth';
import { createStaffSession, setStaffSessionCookie } from '$lib/server/auth/staff-sessions';
import { assertCsrf } from '$lib/server/http/csrf';
import type { Actions, PageServerLoad } from './$types';

const TOO_MANY_FROM_HERE = new SignInRefused('too-many-requests').message;

export const load: PageServerLoad = ({ locals, url }) => {
	const terug = safeReturnPath(url.searchParams.get('terug'));
	if (locals.staff) redirect(303, terug);
	return { terug };
};

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

function signIn(event: RequestEvent) {
	return createStaffSignIn({ sql: event.locals.sql, config: event.locals.config, log: event.locals.log });
}

function refusalStatus(error: SignInRefused): number {
	return error.reason === 'unavailable' ? 503 : error.reason === 'expired' ? 400 : 429;
}

export const actions: Actions = {
	/** Step 1: an e-mail address in, a code out (by mail, or on the page in the demo). */
	aanvragen: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const email = text(form, 'email').trim();
		// Carried in every answer: without JavaScript the next page's URL no longer has ?terug=.
		const terug = safeReturnPath(text(form, 'terug'));
		const parsed = requestCodeSchema.safeParse({ email });
		if (!parsed.success) {
			return fail(400, { step: 'email' as const, email, terug, emailError: parsed.error.issues[0]?.message });
		}
		if (!signInLimits(event.locals.config.SIGN_IN_RATE_LIMIT).codeRequests.take(event.getClientAddress())) {
			event.locals.log.warn('sign-in code requests from one address over the limit');
			return fail(429, { step: 'email' as const, email, terug, message: TOO_MANY_FROM_HERE });
		}
		try {
			const { shownCode } = await signIn(event).requestCode(parsed.data.email);
			return { step: 'code' as const, email: parsed.data.email, terug, shownCode: shownCode ?? null };
		} catch (error) {
			if (!(error instanceof SignInRefused)) throw error;
			return fail(refusalStatus(error), { step: 'email' as const, email, terug, message: error.message });
		}
	},

	/** Step 2: the code; when it fits, a session and off to where the person was going. */
	controleren: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const email = text(form, 'email').trim();
		const terug = safeReturnPath(text(form, 'terug'));
		const parsed = verifyCodeSchema.safeParse({ email, code: text(form, 'code') });
		if (!parsed.success) {
			const emailIssue = parsed.error.issues.find((issue) => issue.path[0] === 'email');
			// Without a usable address there is no step 2 to stay on.
			if (emailIssue) return fail(400, { step: 'email' as const, email, terug, emailError: emailIssue.message });
			return fail(400, { step: 'code' as const, email, terug, codeError: parsed.error.issues[0]?.message });
		}
		if (!signInLimits(event.locals.config.SIGN_IN_RATE_LIMIT).codeChecks.take(event.getClientAddress())) {
			event.locals.log.warn('sign-in code checks from one address over the limit');
			return fail(429, { step: 'code' as const, email, terug, message: TOO_MANY_FROM_HERE });
		}
		let member;
		try {
			member = await signIn(event).verifyCode(parsed.data.email, parsed.data.code);
		} catch (error) {
			if (!(error instanceof SignInRefused)) throw error;
			return fail(refusalStatus(error), { step: 'code' as const, email, terug, message: error.message });
		}
		if (!member) return fail(400, { step: 'code' as const, email, terug, codeError: WRONG_CODE_MESSAGE });

		const session = await createStaffSession(event.locals.sql, member.email);
		setStaffSessionCookie(event.cookies, session.token, session.expiresAt, event.url.protocol === 'https:');
		redirect(303, terug);
	}
};
