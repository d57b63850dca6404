import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySupabaseCompat, migrate, migrations } from '../../src/lib/server/db/migrations';
import { connect } from '../../src/lib/server/db/database';
import { silentLog } from './support/silent-log';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('migrations on the embedded PostgreSQL', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await createTestDatabase();
	});
	afterAll(() => db.drop());

	it('apply from zero, in order, recorded where the Supabase CLI looks', async () => {
		await applySupabaseCompat(db.sql);
		const applied = await migrate(db.sql, silentLog);
		expect(applied).toEqual(migrations.map((m) => m.version));
		expect(applied.length).toBeGreaterThan(0);

		const recorded = await db.sql<{ version: string; name: string; statements: string[] }[]>`
			select version, name, statements from supabase_migrations.schema_migrations order by version
		`;
		expect(recorded.map((row) => row.version)).toEqual(applied);
		expect(recorded[0]?.name).toBe(migrations[0]?.name);
		expect(recorded[0]?.statements.join('')).toContain('create table public.events');

		const tables = await db.sql<{ tablename: string }[]>`
			select tablename from pg_tables where schemaname = 'public' order by tablename
		`;
		expect(tables.map((t) => t.tablename)).toEqual([
			'agenda_item_runs',
			'agenda_items',
			'audit_log',
			'buyer_profiles',
			'canvas_assets',
			'canvas_session_snapshots',
			'canvas_snapshots',
			'canvas_templates',
			'canvas_updates',
			'canvases',
			'event_sessions',
			'events',
			'invoice_deliveries',
			'invoice_payments',
			'invoice_registrations',
			'invoice_series',
			'invoices',
			'live_sessions',
			'organisations',
			'outbox',
			'registration_sessions',
			'registrations',
			'seller_settings',
			'session_participant_devices',
			'session_participants',
			'session_reports',
			'session_votes',
			'staff',
			'staff_sessions',
			'staff_sign_in_codes',
			'themes'
		]);
	});

	it('loads every gemeente and provincie of the reference list, with stable codes', async () => {
		const csv = parse(await readFile('supabase/reference/overheden-nl-2026.csv', 'utf8'), { columns: true }) as {
			type: string;
			code: string;
			name: string;
			province_code: string;
		}[];
		const rows = await db.sql<{ code: string; kind: string; name: string; province_code: string | null }[]>`
			select code, kind, name, province_code from public.organisations where valid_until is null order by code
		`;
		const expected = csv
			.map((row) => ({ code: row.code, kind: row.type, name: row.name, province_code: row.province_code || null }))
			.sort((a, b) => a.code.localeCompare(b.code));
		expect(rows).toEqual(expected);
		expect(rows.filter((row) => row.kind === 'gemeente')).toHaveLength(342);
		expect(rows.filter((row) => row.kind === 'provincie')).toHaveLength(12);
	});

	it('applying twice is a no-op', async () => {
		await applySupabaseCompat(db.sql);
		expect(await migrate(db.sql, silentLog)).toEqual([]);
		const [{ count }] = await db.sql<[{ count: number }]>`
			select count(*)::int as count from supabase_migrations.schema_migrations
		`;
		expect(count).toBe(migrations.length);
	});

	it('a failing migration names itself and leaves nothing behind', async () => {
		const broken = [
			{ version: '29990101000000', name: 'half_done', sql: 'create table public.half_done (id int); select 1/0;' }
		];
		await expect(migrate(db.sql, silentLog, broken)).rejects.toThrow('migration 29990101000000_half_done failed');
		const [table] = await db.sql`select 1 from pg_tables where tablename = 'half_done'`;
		expect(table).toBeUndefined();
		const [record] = await db.sql`select 1 from supabase_migrations.schema_migrations where version = '29990101000000'`;
		expect(record).toBeUndefined();
	});

	it('two processes migrating at once apply each migration once', async () => {
		const fresh = await createTestDatabase();
		const other = connect(fresh.url, { max: 2 });
		try {
			await applySupabaseCompat(fresh.sql);
			const [first, second] = await Promise.all([migrate(fresh.sql, silentLog), migrate(other, silentLog)]);
			expect([...first, ...second].sort()).toEqual(migrations.map((m) => m.version));
		} finally {
			await other.end({ timeout: 5 });
			await fresh.drop();
		}
	});
});

describe('the Supabase compatibility bootstrap', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await createTestDatabase();
		await applySupabaseCompat(db.sql);
	});
	afterAll(() => db.drop());

	it('creates the API roles, with bypassrls only for service_role', async () => {
		const roles = await db.sql<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }[]>`
			select rolname, rolbypassrls, rolcanlogin from pg_roles
			where rolname in ('anon', 'authenticated', 'service_role') order by rolname
		`;
		expect(roles).toEqual([
			{ rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
			{ rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
			{ rolname: 'service_role', rolbypassrls: true, rolcanlogin: false }
		]);
	});

	it('reads auth.uid(), auth.role() and auth.jwt() from the claims PostgREST sets', async () => {
		const claims = { sub: '5b0a4c4e-3f7c-4c1e-9a51-8a7b2f8a6d10', role: 'authenticated', email: 'a@b.nl' };
		const [row] = await db.sql.begin(async (tx) => {
			await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
			return tx`select auth.uid() as uid, auth.role() as role, auth.jwt() ->> 'email' as email`;
		});
		expect(row).toEqual({ uid: claims.sub, role: 'authenticated', email: 'a@b.nl' });

		const [anonymous] = await db.sql`select auth.uid() as uid, auth.jwt() as jwt`;
		expect(anonymous).toEqual({ uid: null, jwt: null });
	});

	it('running it again changes nothing and does not fail', async () => {
		const before = await db.sql`select oid, proname from pg_proc where pronamespace = 'auth'::regnamespace order by proname`;
		await applySupabaseCompat(db.sql);
		const after = await db.sql`select oid, proname from pg_proc where pronamespace = 'auth'::regnamespace order by proname`;
		expect(after).toEqual(before);
		expect(before.map((f) => f.proname)).toEqual(['jwt', 'role', 'uid']);
	});
});
