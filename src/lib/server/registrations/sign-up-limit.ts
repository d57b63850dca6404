import { KeyedRateLimit } from '../http/keyed-rate-limit';

let limit: { perHour: number; limiter: KeyedRateLimit } | undefined;

/**
 * The per-IP limit on sign-ups and link requests (SIGN_UP_RATE_LIMIT per hour). One per process;
 * a whole office behind one address stays well within the default of 20 an hour.
 */
export function signUpRateLimit(perHour: number): KeyedRateLimit {
	if (limit?.perHour !== perHour) limit = { perHour, limiter: new KeyedRateLimit(perHour) };
	return limit.limiter;
}
