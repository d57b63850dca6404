import type { Sql } from '../db/database';

/**
 * Runs `work` in one database transaction and hands it the transaction as a plain `Sql`.
 * postgres.js types its transaction handle apart from `Sql` although it is the same tagged
 * query function; the shared helpers (`recordAudit`, `enqueueMail`) take `Sql`, so the one cast
 * lives here rather than at every call.
 */
export function transaction<T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
	return sql.begin((tx) => work(tx as unknown as Sql)) as Promise<T>;
}
