import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../src/lib/canvas/asset-rules';
import { SCRIPTED_SVG, TINY_PNG, imageOfType } from '../../src/lib/canvas/test-images';
import {
	readCanvasImage,
	uploadCanvasImage,
	type CanvasAssetContext,
	type ImageUpload
} from '../../src/lib/server/canvas-assets/canvas-assets';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { ensureCanvasForTheme } from '../../src/lib/server/realtime/canvas-store';
import { createPostgresAssetStorage } from '../../src/lib/server/storage/postgres-asset-storage';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

const THEME_1 = '00000000-0000-4000-8000-000000000101';
const THEME_2 = '00000000-0000-4000-8000-000000000102';
const visitor = { kind: 'visitor', id: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' } as const;

let db: TestDatabase;
let context: CanvasAssetContext;
let canvasA: string;
let canvasB: string;

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
	context = { sql: db.sql, storage: createPostgresAssetStorage(db.sql), openAccess: true };
	canvasA = await ensureCanvasForTheme(db.sql, THEME_1);
	canvasB = await ensureCanvasForTheme(db.sql, THEME_2);
});
afterAll(() => db.drop());

/** An upload as the endpoint hands it over: headers as sent, body as a stream. */
function upload(bytes: Uint8Array<ArrayBuffer>, declaredType: string | null, overrides: Partial<ImageUpload> = {}): ImageUpload {
	return {
		canvasId: canvasA,
		requester: visitor,
		declaredType,
		declaredBytes: bytes.byteLength,
		body: new Blob([bytes]).stream(),
		...overrides
	};
}

async function storedImages(): Promise<number> {
	const [row] = await db.sql<[{ count: number }]>`select count(*)::int as count from public.canvas_assets`;
	return row.count;
}

describe('images on a canvas', () => {
	it('are stored whole, with who added them, and read back byte for byte', async () => {
		for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const) {
			const bytes = imageOfType(type, 2_000);
			const stored = await uploadCanvasImage(context, upload(bytes, type));
			if (!stored.ok) throw new Error(`refused ${type}: ${stored.problem}`);

			const read = await readCanvasImage(context, { canvasId: canvasA, assetId: stored.id, requester: visitor });
			expect(read).toEqual({ ok: true, image: { contentType: type, data: expect.any(Uint8Array) } });
			expect(read.ok && Buffer.from(read.image.data).equals(Buffer.from(bytes))).toBe(true);
		}
		const [row] = await db.sql<{ byte_size: number; sha256: string; created_by: string }[]>`
			select byte_size, sha256, created_by from public.canvas_assets where content_type = 'image/png'
		`;
		expect(row).toEqual({ byte_size: 2_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), created_by: `visitor:${visitor.id}` });
	});

	it('may be exactly 10 MiB, also when the size is not announced', async () => {
		const stored = await uploadCanvasImage(
			context,
			upload(imageOfType('image/png', MAX_IMAGE_BYTES), 'image/png', { declaredBytes: undefined })
		);
		expect(stored).toEqual({ ok: true, id: expect.any(String) });
	});

	it('refuses SVG, a PNG sent as JPEG, a text file called PNG, an empty file and more than 10 MiB, storing nothing', async () => {
		const before = await storedImages();
		const tooLarge = imageOfType('image/png', MAX_IMAGE_BYTES + 1);
		const cases: [string, ImageUpload, string][] = [
			['svg', upload(SCRIPTED_SVG, 'image/svg+xml'), 'type-not-allowed'],
			['svg sent as png', upload(SCRIPTED_SVG, 'image/png'), 'not-an-image'],
			['png sent as jpeg', upload(TINY_PNG, 'image/jpeg'), 'type-mismatch'],
			['text called png', upload(new TextEncoder().encode('geen plaatje'), 'image/png'), 'not-an-image'],
			['no type', upload(TINY_PNG, null), 'type-not-allowed'],
			['empty', upload(new Uint8Array(), 'image/png'), 'empty'],
			['announced too large', upload(tooLarge, 'image/png'), 'too-large'],
			['too large, not announced', upload(tooLarge, 'image/png', { declaredBytes: undefined }), 'too-large'],
			['more than announced', upload(tooLarge, 'image/png', { declaredBytes: 1_000 }), 'too-large']
		];
		for (const [what, input, problem] of cases) {
			expect({ what, result: await uploadCanvasImage(context, input) }).toEqual({ what, result: { ok: false, problem } });
		}
		expect(await storedImages()).toBe(before);
	});

	it('turns a body that breaks off into a refusal, not a crash', async () => {
		const before = await storedImages();
		const broken = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(TINY_PNG);
				controller.error(new Error('verbinding verbroken'));
			}
		});
		expect(await uploadCanvasImage(context, upload(TINY_PNG, 'image/png', { body: broken }))).toEqual({
			ok: false,
			problem: 'incomplete'
		});
		expect(await storedImages()).toBe(before);
	});

	it('of canvas A are not found through canvas B, nor are unknown ids', async () => {
		const stored = await uploadCanvasImage(context, upload(TINY_PNG, 'image/png'));
		if (!stored.ok) throw new Error(stored.problem);
		expect(await readCanvasImage(context, { canvasId: canvasB, assetId: stored.id, requester: visitor })).toEqual({
			ok: false,
			problem: 'not-found'
		});
		expect(
			await readCanvasImage(context, { canvasId: canvasA, assetId: '00000000-0000-4000-8000-00000000dead', requester: visitor })
		).toEqual({ ok: false, problem: 'not-found' });
	});

	it('can be neither added nor seen without access, and not added to a canvas that does not exist', async () => {
		const before = await storedImages();
		const stored = await uploadCanvasImage(context, upload(TINY_PNG, 'image/png'));
		if (!stored.ok) throw new Error(stored.problem);
		const closed = { ...context, openAccess: false };

		expect(await uploadCanvasImage(closed, upload(TINY_PNG, 'image/png'))).toEqual({ ok: false, problem: 'not-allowed' });
		expect(await readCanvasImage(closed, { canvasId: canvasA, assetId: stored.id, requester: visitor })).toEqual({
			ok: false,
			problem: 'not-allowed'
		});
		const nowhere = '00000000-0000-4000-8000-00000000beef';
		expect(await uploadCanvasImage(context, upload(TINY_PNG, 'image/png', { canvasId: nowhere }))).toEqual({
			ok: false,
			problem: 'not-found'
		});
		expect(await storedImages()).toBe(before + 1);
	});

	it('are refused by the database itself when the app’s checks are bypassed', async () => {
		const attempt = (type: string, data: Uint8Array, size = data.byteLength) =>
			db.sql`
				insert into public.canvas_assets (canvas_id, content_type, byte_size, sha256, data, created_by)
				values (${canvasA}, ${type}, ${size}, ${'0'.repeat(64)}, ${data}, 'visitor:test')
			`.then(
				() => 'stored',
				(error: { code?: string }) => error.code
			);
		// 23514: check constraint violated.
		expect(await attempt('image/svg+xml', SCRIPTED_SVG)).toBe('23514');
		expect(await attempt('image/png', TINY_PNG, TINY_PNG.byteLength + 1)).toBe('23514');
		expect(await attempt('image/png', imageOfType('image/png', MAX_IMAGE_BYTES + 1))).toBe('23514');
	});

	it('go when their canvas goes', async () => {
		const [theme] = await db.sql<{ id: string }[]>`
			insert into public.themes (event_id, position, title)
			values ('00000000-0000-4000-8000-000000002019', 90, 'Tijdelijk thema')
			returning id
		`;
		const canvas = await ensureCanvasForTheme(db.sql, theme!.id);
		const stored = await uploadCanvasImage(context, upload(TINY_PNG, 'image/png', { canvasId: canvas }));
		expect(stored.ok).toBe(true);
		await db.sql`delete from public.themes where id = ${theme!.id}`;
		const [row] = await db.sql<[{ count: number }]>`
			select count(*)::int as count from public.canvas_assets where canvas_id = ${canvas}
		`;
		expect(row.count).toBe(0);
	});
});
