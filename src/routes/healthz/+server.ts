import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkDatabase } from '$lib/server/db/health';

/** For load balancers and uptime checks: 200 when the database answers, 503 when not. */
export const GET: RequestHandler = async ({ locals }) => {
	const database = await checkDatabase(locals.sql);
	const ok = database.status === 'ok';
	return json(
		{ status: ok ? 'ok' : 'unavailable', database },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
