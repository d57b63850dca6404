import { createShapeId, type TLFrameShape, type TLNoteShape, type TLShapeId } from '@tldraw/tlschema';
import { ZERO_INDEX_KEY } from '@tldraw/utils';
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { canvasRecords, RECORDS_MAP_NAME } from '$lib/canvas/doc-layout';
import { noteShape, TEST_PAGE_ID } from '$lib/canvas/test-factories';
import { TEMPLATE_META_KEY } from '$lib/live/canvas-lock';
import { isTemplateRecord, touchesTemplate } from './template-lock';

const FRAME_ID = createShapeId('frame1');
const HEADING_FRAME_ID = createShapeId('frame2');
const NOTE_ID = createShapeId('note1');

/** A frame of a placed design technique, as the facilitator's browser writes it. */
function templateFrame(id: TLShapeId, x: number): TLFrameShape {
	return {
		id,
		typeName: 'shape',
		type: 'frame',
		x,
		y: 0,
		rotation: 0,
		index: ZERO_INDEX_KEY,
		parentId: TEST_PAGE_ID,
		isLocked: false,
		opacity: 1,
		meta: { [TEMPLATE_META_KEY]: true },
		props: { w: 400, h: 600, name: 'Tops', color: 'black' }
	};
}

/** A note placed inside a frame: its position is relative to the frame. */
function noteInFrame(text: string, frameId: TLShapeId, id?: TLShapeId): TLNoteShape {
	return { ...noteShape(text, { id, x: 20, y: 40 }), parentId: frameId };
}

/**
 * The server's document after a facilitator placed two template frames and a participant wrote
 * one note, and the participant's own copy of it (synced, as a connected browser has it).
 */
function canvasWithTemplate() {
	const staff = new Y.Doc();
	const staffRecords = canvasRecords(staff);
	staff.transact(() => {
		staffRecords.set(templateFrame(FRAME_ID, 0));
		staffRecords.set(templateFrame(HEADING_FRAME_ID, 500));
	});
	const server = new Y.Doc();
	Y.applyUpdate(server, Y.encodeStateAsUpdate(staff));
	const participant = new Y.Doc();
	Y.applyUpdate(participant, Y.encodeStateAsUpdate(server));
	// The note goes through the server like every edit.
	Y.applyUpdate(server, updateOf(participant, () => canvasRecords(participant).set(noteShape('Eerste idee', { id: NOTE_ID }))));
	return { server, participant, records: canvasRecords(participant) };
}

/** What `change` sends from `doc`: every update it emits, merged into one. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = [];
	const collect = (update: Uint8Array) => updates.push(update);
	doc.on('update', collect);
	try {
		change();
	} finally {
		doc.off('update', collect);
	}
	return Y.mergeUpdates(updates);
}

/** An update (V1) with no structs that deletes `length` clocks of `client` from `clock` on. */
function craftDeleteOnly(client: number, clock: number, length: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // no structs
	encoding.writeVarUint(encoder, 1); // one client in the delete set
	encoding.writeVarUint(encoder, client);
	encoding.writeVarUint(encoder, 1); // one range
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarUint(encoder, length);
	return encoding.toUint8Array(encoder);
}

/** The same update with its delete set left out, as a crafted client could send it. */
function withoutDeleteSet(update: Uint8Array): Uint8Array {
	const deleteSet = encoding.createEncoder();
	const { ds } = Y.decodeUpdate(update);
	encoding.writeVarUint(deleteSet, ds.clients.size);
	for (const [client, ranges] of ds.clients) {
		encoding.writeVarUint(deleteSet, client);
		encoding.writeVarUint(deleteSet, ranges.length);
		for (const { clock, len } of ranges) {
			encoding.writeVarUint(deleteSet, clock);
			encoding.writeVarUint(deleteSet, len);
		}
	}
	const structs = update.subarray(0, update.byteLength - encoding.length(deleteSet));
	return Uint8Array.of(...structs, 0);
}

describe('touchesTemplate', () => {
	it('refuses moving a template frame, although the update names neither map nor key', () => {
		const { server, participant, records } = canvasWithTemplate();
		const update = updateOf(participant, () => records.set({ ...templateFrame(FRAME_ID, 0), x: 120 }));
		// The reason origins must be followed: an overwrite carries only its left neighbour.
		const [item] = Y.decodeUpdate(update).structs;
		expect(item).toBeInstanceOf(Y.Item);
		expect(item instanceof Y.Item && [item.parent, item.parentSub]).toEqual([null, null]);
		expect(touchesTemplate(server, update)).toBe(true);
	});

	it('refuses taking the template mark off a frame', () => {
		const { server, participant, records } = canvasWithTemplate();
		const update = updateOf(participant, () => records.set({ ...templateFrame(FRAME_ID, 0), meta: {} }));
		expect(touchesTemplate(server, update)).toBe(true);
	});

	it('refuses a crafted overwrite that carries no template mark and no deletion', () => {
		const { server, participant, records } = canvasWithTemplate();
		const crafted = withoutDeleteSet(updateOf(participant, () => records.set({ ...noteShape('Weg met de kolom'), id: FRAME_ID })));
		expect(Y.decodeUpdate(crafted).ds.clients.size).toBe(0);
		// Yjs still replaces the frame with it: the left neighbour alone decides the key.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
		Y.applyUpdate(copy, crafted);
		expect(copy.getMap(RECORDS_MAP_NAME).get(FRAME_ID)).toMatchObject({ type: 'note' });
		expect(touchesTemplate(server, crafted)).toBe(true);
	});

	it('allows editing a note', () => {
		const { server, participant, records } = canvasWithTemplate();
		const update = updateOf(participant, () => records.set(noteShape('Beter idee', { id: NOTE_ID, x: 80 })));
		expect(touchesTemplate(server, update)).toBe(false);
	});

	it('allows adding a note, also one placed inside a template frame', () => {
		const { server, participant, records } = canvasWithTemplate();
		expect(touchesTemplate(server, updateOf(participant, () => records.set(noteShape('Nieuw'))))).toBe(false);
		const inFrame = updateOf(participant, () => records.set(noteInFrame('In de kolom', FRAME_ID)));
		expect(touchesTemplate(server, inFrame)).toBe(false);
	});

	it('refuses deleting a template shape and allows deleting a note', () => {
		const { server, participant, records } = canvasWithTemplate();
		expect(touchesTemplate(server, updateOf(participant, () => records.delete(FRAME_ID)))).toBe(true);
		const other = canvasWithTemplate();
		expect(touchesTemplate(other.server, updateOf(other.participant, () => other.records.delete(NOTE_ID)))).toBe(false);
	});

	it('refuses creating a shape marked as template', () => {
		const { server, participant, records } = canvasWithTemplate();
		const minted = updateOf(participant, () => records.set(templateFrame(createShapeId('eigen'), 900)));
		expect(touchesTemplate(server, minted)).toBe(true);
		const markedNote = updateOf(participant, () =>
			records.set({ ...noteShape('Ik ben de werkvorm'), meta: { [TEMPLATE_META_KEY]: true } })
		);
		expect(touchesTemplate(server, markedNote)).toBe(true);
	});

	it('refuses an update that changes a note and a frame together', () => {
		const { server, participant, records } = canvasWithTemplate();
		const mixed = updateOf(participant, () =>
			participant.transact(() => {
				records.set(noteShape('Samen met de kolom', { id: NOTE_ID, x: 300 }));
				records.set({ ...templateFrame(HEADING_FRAME_ID, 500), y: 50 });
			})
		);
		expect(touchesTemplate(server, mixed)).toBe(true);
	});

	it('allows an update that only deletes other records', () => {
		const { server, participant, records } = canvasWithTemplate();
		const second = createShapeId('note2');
		Y.applyUpdate(server, updateOf(participant, () => records.set(noteShape('Weg ermee', { id: second }))));
		const deletes = updateOf(participant, () =>
			participant.transact(() => {
				records.delete(NOTE_ID);
				records.delete(second);
			})
		);
		expect(Y.decodeUpdate(deletes).structs).toEqual([]);
		expect(touchesTemplate(server, deletes)).toBe(false);
	});

	it('allows writing elsewhere in the document', () => {
		const { server, participant } = canvasWithTemplate();
		const update = updateOf(participant, () => participant.getMap('tldraw_meta').set('layout', 1));
		expect(touchesTemplate(server, update)).toBe(false);
	});

	it('allows editing a note whose previous version is accepted but not applied yet', () => {
		const { server, participant, records } = canvasWithTemplate();
		const first = updateOf(participant, () => records.set(noteShape('Typ', { id: NOTE_ID })));
		const second = updateOf(participant, () => records.set(noteShape('Typen', { id: NOTE_ID })));
		expect(touchesTemplate(server, second, [first])).toBe(false);
		// Without the accepted update the second one's left neighbour is nowhere to be found.
		expect(touchesTemplate(server, second)).toBe(true);
	});

	it('refuses building on an update that was refused (or never sent)', () => {
		const { server, participant, records } = canvasWithTemplate();
		updateOf(participant, () => records.set({ ...templateFrame(FRAME_ID, 0), x: 120 }));
		const again = updateOf(participant, () => records.set({ ...templateFrame(FRAME_ID, 0), x: 240 }));
		expect(touchesTemplate(server, again)).toBe(true);
	});

	it('refuses a deletion reaching past what the document holds', () => {
		const { server, participant } = canvasWithTemplate();
		// A crafted update: no structs, and a delete set covering clocks the server has never seen,
		// which would delete whatever a facilitator writes there next.
		const staffClient = [...server.store.clients.keys()].find((client) => client !== participant.clientID) ?? 0;
		const crafted = craftDeleteOnly(staffClient, Y.getState(server.store, staffClient), 10);
		expect(touchesTemplate(server, crafted)).toBe(true);
	});

	it('leaves the document as it was', () => {
		const { server, participant, records } = canvasWithTemplate();
		const before = Y.encodeStateAsUpdate(server);
		touchesTemplate(server, updateOf(participant, () => records.delete(FRAME_ID)));
		expect(Y.encodeStateAsUpdate(server)).toEqual(before);
		expect(server.getMap(RECORDS_MAP_NAME).has(FRAME_ID)).toBe(true);
	});
});

describe('isTemplateRecord', () => {
	it('is true only for a record whose meta marks it as template', () => {
		expect(isTemplateRecord(templateFrame(FRAME_ID, 0))).toBe(true);
		expect(isTemplateRecord(noteShape('x'))).toBe(false);
		expect(isTemplateRecord({ meta: { [TEMPLATE_META_KEY]: 'true' } })).toBe(false);
		expect(isTemplateRecord({ meta: null })).toBe(false);
		expect(isTemplateRecord('shape:frame1')).toBe(false);
		expect(isTemplateRecord(null)).toBe(false);
	});
});
