import { createHash } from 'node:crypto';
import { z } from 'zod';
import { imageTypeSchema } from '$lib/canvas/asset-rules';
import type { Sql } from '../db/database';
import type { AssetStorage } from './asset-storage';

// bytea arrives as a Node Buffer, which lives in an ordinary (not shared) ArrayBuffer; saying so
// in the type lets the bytes go into a Response without a copy.
const bytesSchema = z.custom<Uint8Array<ArrayBuffer>>(
	(value) => value instanceof Uint8Array && value.buffer instanceof ArrayBuffer,
	'bytea as bytes'
);
const storedRowSchema = z.object({ content_type: imageTypeSchema, data: bytesSchema });

/**
 * Canvas images in the table `public.canvas_assets`: one row per image, written in one INSERT
 * (so a refused or failed upload leaves nothing behind) and removed with its canvas.
 */
export function createPostgresAssetStorage(sql: Sql): AssetStorage {
	return {
		async put({ canvasId, contentType, data, createdBy }) {
			const sha256 = createHash('sha256').update(data).digest('hex');
			const [row] = await sql<{ id: string }[]>`
				insert into public.canvas_assets (canvas_id, content_type, byte_size, sha256, data, created_by)
				values (${canvasId}, ${contentType}, ${data.byteLength}, ${sha256}, ${data}, ${createdBy})
				returning id
			`;
			if (!row) throw new Error('insert into canvas_assets returned no row');
			return { id: row.id };
		},

		async get(canvasId, id) {
			const [row] = await sql`
				select content_type, data from public.canvas_assets where id = ${id} and canvas_id = ${canvasId}
			`;
			if (!row) return null;
			const parsed = storedRowSchema.parse(row);
			return { contentType: parsed.content_type, data: parsed.data };
		}
	};
}
