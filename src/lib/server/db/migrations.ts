import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import type { Logger } from '../log';
import supabaseCompatSql from './supabase-compat.sql?raw';
import seedSql from '../../../../supabase/seed.sql?raw';

/** One file of `supabase/migrations`, named `<version>_<name>.sql` as the Supabase CLI expects. */
export interface Migration {
	version: string;
	name: string;
	sql: string;
}

// Bundled at build time, so the production server needs no path to the source tree.
const migrationFiles = import.meta.glob<string>('/supabase/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
});

/** The project's migrations in the order they must run. */
export const migrations: readonly Migration[] = Object.entries(migrationFiles)
	.map(([file, sql]) => {
		const match = /\/(\d+)_([^/]+)\.sql$/.exec(file);
		if (!match?.[1] || !match[2]) throw new Error(`migration file name without version: ${file}`);
		return { version: match[1], name: match[2], sql };
	})
	.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));

const SEED_PATH = 'supabase/seed.sql';

// Any fixed number: serialises migrators of one database (two app instances starting at once).
const MIGRATION_LOCK = 4_238_201_907;

/**
 * Creates what Supabase provides and plain PostgreSQL lacks (roles, `auth` schema and helpers).
 * Safe to run on every start and on Supabase itself, where it changes nothing.
 */
export async function applySupabaseCompat(sql: Sql): Promise<void> {
	await sql.unsafe(supabaseCompatSql).simple();
}

/**
 * Applies every migration that has not run yet, in order, each in its own transaction, and
 * records it in `supabase_migrations.schema_migrations` — the table the Supabase CLI reads — so
 * `supabase db push` later agrees about what has been applied. Returns the versions it applied.
 */
export async function migrate(
	sql: Sql,
	log: Logger,
	pending: readonly Migration[] = migrations
): Promise<string[]> {
	return sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
		await tx.unsafe(`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
			alter table supabase_migrations.schema_migrations add column if not exists statements text[];
			alter table supabase_migrations.schema_migrations add column if not exists name text;
			create table if not exists supabase_migrations.seed_files (path text not null primary key, hash text not null);
		`).simple();

		const rows = await tx<{ version: string }[]>`select version from supabase_migrations.schema_migrations`;
		const done = new Set(rows.map((row) => row.version));
		const applied: string[] = [];
		for (const migration of pending) {
			if (done.has(migration.version)) continue;
			// A savepoint per file: a failing migration names itself and leaves nothing behind.
			await tx.savepoint(async (step) => {
				await step.unsafe(migration.sql).simple();
				await step`
					insert into supabase_migrations.schema_migrations (version, name, statements)
					values (${migration.version}, ${migration.name}, ${[migration.sql]})
				`;
			}).catch((cause: unknown) => {
				throw new Error(`migration ${migration.version}_${migration.name} failed`, { cause });
			});
			log.info({ version: migration.version, name: migration.name }, 'migration applied');
			applied.push(migration.version);
		}
		return applied;
	});
}

/**
 * Loads `supabase/seed.sql` once per database and records it in `supabase_migrations.seed_files`
 * (as the Supabase CLI does), so data an organizer has since changed or deleted is never
 * seeded back. Returns whether it seeded.
 */
export async function seedOnce(sql: Sql, log: Logger): Promise<boolean> {
	return sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
		const [seeded] = await tx`select 1 from supabase_migrations.seed_files where path = ${SEED_PATH}`;
		if (seeded) return false;
		await tx.unsafe(seedSql).simple();
		const hash = createHash('sha256').update(seedSql).digest('hex');
		await tx`insert into supabase_migrations.seed_files (path, hash) values (${SEED_PATH}, ${hash})`;
		log.info('demo data seeded');
		return true;
	});
}
