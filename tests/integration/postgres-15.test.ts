import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrations, seedOnce } from '../../src/lib/server/db/migrations';
import { findPublishedProgramme } from '../../src/lib/server/events/programme';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

// Supabase still runs projects on PostgreSQL 15: the migrations must not use anything newer.
describe('PostgreSQL 15 (Debian package)', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await createMigratedDatabase('pg15');
	});
	afterAll(() => db.drop());

	it('is really version 15', async () => {
		const [row] = await db.sql<[{ server_version_num: string }]>`show server_version_num`;
		expect(Number(row.server_version_num)).toBeGreaterThanOrEqual(150_000);
		expect(Number(row.server_version_num)).toBeLessThan(160_000);
	});

	it('runs every migration and the seed', async () => {
		const [{ count }] = await db.sql<[{ count: number }]>`
			select count(*)::int as count from supabase_migrations.schema_migrations
		`;
		expect(count).toBe(migrations.length);
		expect(await migrate(db.sql, silentLog)).toEqual([]);
		expect(await seedOnce(db.sql, silentLog)).toBe(true);
		const programme = await findPublishedProgramme(db.sql);
		expect(programme?.sessions.flatMap((s) => s.agenda)).toHaveLength(16);
	});
});
