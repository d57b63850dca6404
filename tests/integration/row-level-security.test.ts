import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { asApiRole } from './support/api-role';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

describe('row-level security', () => {
	let db: TestDatabase;
	let tables: string[];
	/** A writable column of each table, to write a harmless `set x = x` update against. */
	let firstColumn: Map<string, string>;

	beforeAll(async () => {
		db = await createMigratedDatabase();
		await seedOnce(db.sql, silentLog);
		// A draft event with a session, agenda item and theme: none of it may be visible.
		await db.sql`
			with e as (
				insert into public.events (id, slug, title, fee_cents)
				values ('99999999-0000-4000-8000-000000000001', 'geheim-concept', 'Geheim concept', 100)
				returning id
			), s as (
				insert into public.event_sessions (event_id, position, title, starts_at, ends_at)
				select id, 1, 'Conceptsessie', now(), now() + interval '1 hour' from e
				returning id
			), a as (
				insert into public.agenda_items (session_id, position, starts_at, ends_at, title)
				select id, 1, now(), now() + interval '10 minutes', 'Geheim onderdeel' from s
			)
			insert into public.themes (event_id, position, title) select id, 1, 'Geheim thema' from e
		`;
		// A canvas of a published theme, with a logged update, a snapshot and an image: still private.
		await db.sql`
			with c as (
				insert into public.canvases (theme_id, last_seq)
				values ('00000000-0000-4000-8000-000000000101', 1)
				returning id
			), u as (
				insert into public.canvas_updates (canvas_id, seq, update) select id, 1, decode('0000', 'hex') from c
			), a as (
				insert into public.canvas_assets (canvas_id, content_type, byte_size, sha256, data, created_by)
				select id, 'image/gif', 6, repeat('0', 64), convert_to('GIF89a', 'UTF8'), 'visitor:test' from c
			)
			insert into public.canvas_snapshots (canvas_id, state, seq) select id, decode('0000', 'hex'), 0 from c
		`;
		// A registration with its session, a mail, staff with a code and a session, an audit line.
		await db.sql`
			with r as (
				insert into public.registrations (
					event_id, status, batch_id, name, email, job_title, organisation_code, organisation_name,
					has_innovation_scheme, billing_name, billing_street, billing_postcode, billing_city, billing_email,
					privacy_consent_at, access_token
				) values (
					'00000000-0000-4000-8000-000000002019', 'confirmed', gen_random_uuid(), 'Geheime Deelnemer',
					'geheim@gemeente.example', 'Adviseur', 'GM0473', 'Gemeente Zandvoort', 'ja', 'Gemeente Zandvoort',
					'Postbus 2', '2040 AA', 'Zandvoort', 'facturen@gemeente.example', now(), repeat('a', 43)
				) returning id
			), s as (
				insert into public.registration_sessions (registration_id, session_id)
				select id, '00000000-0000-4000-8000-000000000201' from r
			), o as (
				insert into public.outbox (kind, recipient, subject, text_body, registration_id)
				select 'registration-confirmed', 'geheim@gemeente.example', 'Bevestiging', 'Geheim', id from r
			)
			insert into public.audit_log (actor, action, registration_id) select 'systeem', 'registration.confirmed', id from r
		`;
		await db.sql`
			with c as (
				insert into public.staff_sign_in_codes (email, code_hash, expires_at)
				values ('organisator@ontwerpsessies.test', decode('00', 'hex'), now() + interval '10 minutes')
			)
			insert into public.staff_sessions (token_hash, email, expires_at)
			values (decode('01', 'hex'), 'organisator@ontwerpsessies.test', now() + interval '1 hour')
		`;
		// The first column that may be written (identity columns "generated always" may not).
		const rows = await db.sql<{ table_name: string; column_name: string }[]>`
			select distinct on (table_name) table_name, column_name from information_schema.columns
			where table_schema = 'public' and is_identity = 'NO' and is_generated = 'NEVER'
			order by table_name, ordinal_position
		`;
		tables = rows.map((row) => row.table_name);
		firstColumn = new Map(rows.map((row) => [row.table_name, row.column_name]));
	});
	afterAll(() => db.drop());

	it('is enabled on every table in the public schema', async () => {
		const rows = await db.sql<{ relname: string; relrowsecurity: boolean }[]>`
			select c.relname, c.relrowsecurity from pg_class c
			where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
		`;
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.filter((row) => !row.relrowsecurity).map((row) => row.relname)).toEqual([]);
	});

	for (const role of ['anon', 'authenticated'] as const) {
		describe(`as ${role}`, () => {
			it('reads the published programme', async () => {
				const counts = await asApiRole(db.sql, role, async (tx) => {
					const [row] = await tx<[{ events: number; sessions: number; items: number; themes: number }]>`
						select
							(select count(*)::int from public.events) as events,
							(select count(*)::int from public.event_sessions) as sessions,
							(select count(*)::int from public.agenda_items) as items,
							(select count(*)::int from public.themes) as themes
					`;
					return row;
				});
				expect(counts).toEqual({ events: 1, sessions: 2, items: 16, themes: 3 });
			});

			it('sees nothing of an unpublished event', async () => {
				const leaked = await asApiRole(db.sql, role, (tx) => tx`
					select 'event' as what from public.events where slug = 'geheim-concept'
					union all select 'session' from public.event_sessions where title = 'Conceptsessie'
					union all select 'agenda' from public.agenda_items where title = 'Geheim onderdeel'
					union all select 'theme' from public.themes where title = 'Geheim thema'
				`);
				expect([...leaked]).toEqual([]);
			});

			it('sees no canvas, update log, snapshot or image, not even of a published theme', async () => {
				const leaked = await asApiRole(db.sql, role, (tx) => tx`
					select 'canvas' as what from public.canvases
					union all select 'update' from public.canvas_updates
					union all select 'snapshot' from public.canvas_snapshots
					union all select 'image' from public.canvas_assets
				`);
				expect([...leaked]).toEqual([]);
			});

			it('sees no registration, check-in, mail, staff member, sign-in code, staff session or audit line', async () => {
				const leaked = await asApiRole(db.sql, role, (tx) => tx`
					select 'registration' as what from public.registrations
					union all select 'registration session' from public.registration_sessions
					union all select 'mail' from public.outbox
					union all select 'staff' from public.staff
					union all select 'code' from public.staff_sign_in_codes
					union all select 'staff session' from public.staff_sessions
					union all select 'audit' from public.audit_log
				`);
				expect([...leaked]).toEqual([]);
			});

			it('reads the public list of gemeenten and provincies', async () => {
				const [row] = await asApiRole(db.sql, role, (tx) => tx`select count(*)::int as n from public.organisations`);
				expect(row?.n).toBe(354);
			});

			it('cannot insert into any table', async () => {
				for (const table of tables) {
					const outcome = await asApiRole(db.sql, role, (tx) =>
						tx.unsafe(`insert into public.${table} default values`).then(
							() => 'inserted',
							(error: { code?: string }) => error.code
						)
					);
					// 42501: new row violates row-level security policy.
					expect({ table, outcome }).toEqual({ table, outcome: '42501' });
				}
			});

			it('cannot update or delete anything, not even what it can read', async () => {
				for (const table of tables) {
					const changed = await asApiRole(db.sql, role, async (tx) => {
						const column = firstColumn.get(table);
						const updated = await tx.unsafe(`update public.${table} set ${column} = ${column} returning 1`);
						const deleted = await tx.unsafe(`delete from public.${table} returning 1`);
						return updated.length + deleted.length;
					});
					expect({ table, changed }).toEqual({ table, changed: 0 });
				}
			});

			it('cannot read the migration history', async () => {
				const outcome = await asApiRole(db.sql, role, (tx) =>
					tx`select version from supabase_migrations.schema_migrations`.then(
						() => 'read',
						(error: { code?: string }) => error.code
					)
				);
				expect(outcome).toBe('42501');
			});
		});
	}
});
