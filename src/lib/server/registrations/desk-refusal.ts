import { fail, type ActionFailure } from '@sveltejs/kit';
import { RegistrationChangeRefused } from './lifecycle';

/**
 * The one mapping from a refused change to what the desk shows: a 4xx with the Dutch message
 * of the refusal (never a 500). Anything else is a real error and is thrown on.
 */
export function refusalFailure<T extends Record<string, unknown>>(
	caught: unknown,
	extra: T
): ActionFailure<T & { message: string }> {
	if (caught instanceof RegistrationChangeRefused) {
		const status = caught.reason === 'not-found' ? 404 : caught.reason === 'not-attending' ? 400 : 409;
		return fail(status, { ...extra, message: caught.message });
	}
	throw caught;
}
