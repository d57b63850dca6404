import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { grantCanvasAccess, stillAllowedInCanvas } from '../../src/lib/server/realtime/canvas-access';
import { ensureCanvasForTheme } from '../../src/lib/server/realtime/canvas-store';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

/** Staff reach every canvas, whether or not the demo's open access is on; visitors only with it. */
describe('canvas access for staff', () => {
	let db: TestDatabase;
	let publishedCanvas: string;
	let draftCanvas: string;

	beforeAll(async () => {
		db = await createMigratedDatabase();
		await seedOnce(db.sql, silentLog);
		publishedCanvas = await ensureCanvasForTheme(db.sql, '00000000-0000-4000-8000-000000000101');
		const [theme] = await db.sql<{ id: string }[]>`
			with e as (insert into public.events (slug, title, fee_cents) values ('concept', 'Concept', 0) returning id)
			insert into public.themes (event_id, position, title) select id, 1, 'Conceptthema' from e returning id
		`;
		draftCanvas = await ensureCanvasForTheme(db.sql, theme?.id ?? '');
	});
	afterAll(() => db.drop());

	it('lets active staff edit published and draft canvases without open access, and no visitor', async () => {
		const staff = { kind: 'staff', id: 'facilitator@ontwerpsessies.test' } as const;
		expect(await grantCanvasAccess(db.sql, publishedCanvas, staff, false)).toEqual({
			ok: true,
			role: 'editor',
			subject: 'staff:facilitator@ontwerpsessies.test'
		});
		expect(await grantCanvasAccess(db.sql, draftCanvas, staff, false)).toMatchObject({ ok: true });
		expect(await grantCanvasAccess(db.sql, publishedCanvas, { kind: 'visitor', id: 'v1' }, false)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(await grantCanvasAccess(db.sql, draftCanvas, { kind: 'visitor', id: 'v1' }, true)).toEqual({ ok: false, reason: 'not-found' });
	});

	it('takes a switched-off staff member out at the next re-check, and refuses strangers claiming to be staff', async () => {
		const claims = { sub: 'staff:facilitator@ontwerpsessies.test', canvasId: publishedCanvas, role: 'editor' } as never;
		expect(await stillAllowedInCanvas(db.sql, claims, publishedCanvas, false)).toBe(true);
		await db.sql`update public.staff set active = false where email = 'facilitator@ontwerpsessies.test'`;
		expect(await stillAllowedInCanvas(db.sql, claims, publishedCanvas, false)).toBe(false);
		expect(await grantCanvasAccess(db.sql, publishedCanvas, { kind: 'staff', id: 'facilitator@ontwerpsessies.test' }, false)).toEqual({
			ok: false,
			reason: 'not-allowed'
		});
		expect(await grantCanvasAccess(db.sql, publishedCanvas, { kind: 'staff', id: 'niemand@example.nl' }, false)).toMatchObject({ ok: false });
	});
});
