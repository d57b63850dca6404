import postgres, { type Sql } from 'postgres';
import type { Config } from '../config';
import type { Logger } from '../log';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';
import { applySupabaseCompat, migrate, seedOnce } from './migrations';

export type { Sql };

/** The app's connection to its system of record. */
export interface Database {
	readonly sql: Sql;
	/** Where the data live, for the start-up log: `embedded` or the URL's host. */
	readonly location: string;
	/** Closes the pool and, for the embedded server, shuts PostgreSQL down cleanly. */
	close(): Promise<void>;
}

/** A postgres.js pool with the settings the app relies on. */
export function connect(url: string, options: { max?: number; prepare?: boolean } = {}): Sql {
	return postgres(url, {
		max: options.max ?? 10,
		prepare: options.prepare ?? true,
		idle_timeout: 60,
		connect_timeout: 10,
		onnotice: () => {},
		connection: { application_name: 'ontwerpsessies' }
	});
}

/**
 * Opens the database the configuration points to — or starts the embedded one — and brings its
 * schema up to date: Supabase compatibility, migrations, and on first start the demo data.
 */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
	let embedded: EmbeddedServer | undefined;
	let url = config.DATABASE_URL;
	if (!url) {
		embedded = await startEmbeddedPostgres(config.EMBEDDED_POSTGRES_DIR, log);
		url = embedded.url;
	}
	const sql = connect(url, { max: config.DATABASE_POOL_SIZE, prepare: config.DATABASE_PREPARED_STATEMENTS });
	const close = async () => {
		await sql.end({ timeout: 5 });
		await embedded?.stop();
	};
	try {
		if (config.DATABASE_MIGRATE_ON_START) {
			await applySupabaseCompat(sql);
			await migrate(sql, log);
		}
		if (config.SEED_DEMO_DATA) await seedOnce(sql, log);
	} catch (error) {
		await close();
		throw error;
	}
	return { sql, location: embedded ? 'embedded' : new URL(url).host, close };
}

/**
 * The one row a query is certain to return (an aggregate, an insert … returning). Throws
 * rather than letting `undefined` travel on when that certainty turns out wrong.
 */
export function onlyRow<T>(rows: readonly T[], what: string): T {
	const [row] = rows;
	if (row === undefined) throw new Error(`expected a row: ${what}`);
	return row;
}
