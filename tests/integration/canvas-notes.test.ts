import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RECORDS_MAP_NAME } from '../../src/lib/canvas/doc-layout';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { canvasDocument, canvasState, notesOfDocument } from '../../src/lib/server/realtime/canvas-notes';
import { appendUpdates, ensureCanvasForTheme } from '../../src/lib/server/realtime/canvas-store';
import { connectClient, startRealtimeServer, waitFor } from './support/realtime-harness';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

function note(id: string, text: string, y: number) {
	const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
	return { id, typeName: 'shape', type: 'note', x: 0, y, parentId: 'page:page', meta: { osAuthor: 'participant:p1' }, props: { richText } };
}

describe('reading a canvas on the server', () => {
	let db: TestDatabase;

	beforeAll(async () => {
		db = await createMigratedDatabase();
		await seedOnce(db.sql, silentLog);
	});
	afterAll(() => db.drop());

	it('reads the live room when the canvas is loaded, storage when it is not, and nothing for an unknown one', async () => {
		const canvasId = await ensureCanvasForTheme(db.sql, '00000000-0000-4000-8000-000000000101');
		const { socketBase, rooms, close } = await startRealtimeServer(db.sql);
		try {
			expect(await canvasDocument(db.sql, rooms, randomUUID())).toBeNull();
			expect(await canvasState(db.sql, rooms, randomUUID())).toBeNull();

			// Stored by an earlier server, not loaded now.
			const earlier = new Y.Doc();
			earlier.getMap(RECORDS_MAP_NAME).set('shape:b', note('shape:b', 'Opgeslagen', 200));
			await appendUpdates(db.sql, canvasId, [Y.encodeStateAsUpdate(earlier)]);
			expect(await rooms.loaded(canvasId)).toBeNull();
			const fromStorage = await canvasDocument(db.sql, rooms, canvasId);
			expect(notesOfDocument(fromStorage!)).toEqual([{ id: 'shape:b', text: 'Opgeslagen', author: 'participant:p1', frame: null }]);

			const member = await connectClient(socketBase, canvasId);
			try {
				member.doc.getMap(RECORDS_MAP_NAME).set('shape:a', note('shape:a', 'Net geschreven', 100));
				const room = (await rooms.loaded(canvasId))!;
				await waitFor(() => room.doc.getMap(RECORDS_MAP_NAME).has('shape:a'), 'accepted');
				expect(await canvasDocument(db.sql, rooms, canvasId)).toBe(room.doc);
				const snapshot = new Y.Doc();
				Y.applyUpdate(snapshot, (await canvasState(db.sql, rooms, canvasId))!);
				expect(notesOfDocument(snapshot).map((read) => read.text)).toEqual(['Net geschreven', 'Opgeslagen']);
			} finally {
				member.disconnect();
			}
		} finally {
			await close();
		}
	});
});
