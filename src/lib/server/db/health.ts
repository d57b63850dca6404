import type { Sql } from './database';

export type DatabaseHealth = { status: 'ok'; latencyMs: number } | { status: 'unavailable' };

/** One round trip to the database, bounded to two seconds so a hung server fails the check. */
export async function checkDatabase(sql: Sql): Promise<DatabaseHealth> {
	const started = performance.now();
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('database health check timed out')), 2_000);
	});
	try {
		await Promise.race([sql`select 1`, timeout]);
		return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
	} catch {
		return { status: 'unavailable' };
	} finally {
		clearTimeout(timer);
	}
}
