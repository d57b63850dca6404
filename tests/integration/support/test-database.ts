import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, type Sql } from '../../../src/lib/server/db/database';
import { applySupabaseCompat, migrate } from '../../../src/lib/server/db/migrations';
import { silentLog } from './silent-log';

export interface TestDatabase {
	/** A pool on the new database, connected as the cluster's superuser (the app's owner role). */
	sql: Sql;
	url: string;
	name: string;
	/** Closes the pool and drops the database. */
	drop(): Promise<void>;
}

/**
 * A fresh, empty database in the shared test cluster, so that test files can run in parallel
 * without seeing each other's data. Create it in `beforeAll`, drop it in `afterAll`.
 */
export async function createTestDatabase(cluster: 'embedded' | 'pg15' = 'embedded'): Promise<TestDatabase> {
	const adminUrl = cluster === 'embedded' ? inject('adminUrl') : inject('pg15AdminUrl');
	const name = `test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const sql = connect(url.toString(), { max: 4 });
	return {
		sql,
		url: url.toString(),
		name,
		async drop() {
			await sql.end({ timeout: 5 });
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

/** A fresh database with the Supabase compatibility layer and every migration applied. */
export async function createMigratedDatabase(cluster: 'embedded' | 'pg15' = 'embedded'): Promise<TestDatabase> {
	const database = await createTestDatabase(cluster);
	await applySupabaseCompat(database.sql);
	await migrate(database.sql, silentLog);
	return database;
}
