import type { Sql } from '../../../src/lib/server/db/database';

export type ApiRole = 'anon' | 'authenticated';

/**
 * Runs `work` the way PostgREST runs a request: one transaction, `set local role`, and the JWT's
 * claims in `request.jwt.claims`. Rolled back afterwards, so a write that slipped through would
 * still be seen by the assertion but never leak into the next test.
 */
export async function asApiRole<T>(sql: Sql, role: ApiRole, work: (tx: Sql) => Promise<T>): Promise<T> {
	const claims =
		role === 'anon'
			? { role: 'anon' }
			: { role: 'authenticated', sub: '11111111-2222-4333-8444-555555555555', email: 'ambtenaar@gemeente.nl' };
	let result: T | undefined;
	await sql
		.begin(async (tx) => {
			await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
			await tx.unsafe(`set local role ${role}`);
			result = await work(tx as unknown as Sql);
			throw new Rollback();
		})
		.catch((error: unknown) => {
			if (!(error instanceof Rollback)) throw error;
		});
	return result as T;
}
class Rollback extends Error {}
