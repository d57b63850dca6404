import { createShapeId, type TLFrameShape, type TLShapeId } from '@tldraw/tlschema';
import { ZERO_INDEX_KEY } from '@tldraw/utils';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RECORDS_MAP_NAME } from '$lib/canvas/doc-layout';
import { geoShape, noteShape, TEST_PAGE_ID } from '$lib/canvas/test-factories';
import { AUTHOR_META_KEY } from '$lib/live/canvas-lock';
import { notesOfDocument } from './canvas-notes';

/** A document holding exactly `records` (any values, as any peer could write them). */
function documentWith(records: Record<string, unknown>): Y.Doc {
	const doc = new Y.Doc();
	const map = doc.getMap<unknown>(RECORDS_MAP_NAME);
	doc.transact(() => {
		for (const [id, value] of Object.entries(records)) map.set(id, value);
	});
	return doc;
}

function frame(id: TLShapeId, x: number, y: number, rotation = 0): TLFrameShape {
	return {
		id,
		typeName: 'shape',
		type: 'frame',
		x,
		y,
		rotation,
		index: ZERO_INDEX_KEY,
		parentId: TEST_PAGE_ID,
		isLocked: false,
		opacity: 1,
		meta: {},
		props: { w: 400, h: 600, name: 'Kolom', color: 'black' }
	};
}

describe('notesOfDocument', () => {
	it('reads every paragraph of a note, trimmed, with its author', () => {
		const note = noteShape('  Eerste regel\n\nDerde regel  ', { id: createShapeId('n') });
		const doc = documentWith({ [note.id]: { ...note, meta: { [AUTHOR_META_KEY]: 'participant:p1' } } });
		expect(notesOfDocument(doc)).toEqual([{ id: note.id, text: 'Eerste regel\n\nDerde regel', author: 'participant:p1', frame: null }]);
	});

	it('joins inline text and reads hard breaks and lists', () => {
		const note = noteShape('', { id: createShapeId('n') });
		const richText = {
			type: 'doc',
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Vet', marks: [{ type: 'bold' }] },
						{ type: 'text', text: ' en gewoon' },
						{ type: 'hardBreak' },
						{ type: 'text', text: 'na een harde regelafbreking' }
					]
				},
				{
					type: 'bulletList',
					content: [
						{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'punt een' }] }] },
						{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'punt twee' }] }] }
					]
				}
			]
		};
		const doc = documentWith({ [note.id]: { ...note, props: { ...note.props, richText } } });
		expect(notesOfDocument(doc)[0]?.text).toBe('Vet en gewoon\nna een harde regelafbreking\npunt een\npunt twee');
	});

	it('sorts by position on the page, a note in a frame placed relative to the frame', () => {
		const column = createShapeId('kolom');
		const top = noteShape('boven', { id: createShapeId('boven'), x: 500, y: 0 });
		const left = noteShape('links', { id: createShapeId('links'), x: 0, y: 100 });
		// At (20, 50) inside a frame at (200, 50): (220, 100) on the page, right of "links".
		const inFrame = { ...noteShape('in de kolom', { id: createShapeId('kolomnotitie'), x: 20, y: 50 }), parentId: column };
		const below = noteShape('onder', { id: createShapeId('onder'), x: 0, y: 120 });
		const doc = documentWith({
			[below.id]: below,
			[inFrame.id]: inFrame,
			[column]: frame(column, 200, 50),
			[left.id]: left,
			[top.id]: top
		});
		expect(notesOfDocument(doc).map((note) => note.text)).toEqual(['boven', 'links', 'in de kolom', 'onder']);
		// The frame's name says which column of a technique a note is in (for the session report).
		expect(notesOfDocument(doc).map((note) => note.frame)).toEqual([null, null, 'Kolom', null]);
	});

	it('names the innermost frame of a note in nested frames, and none for an unnamed one', () => {
		const outer = createShapeId('buiten');
		const inner = createShapeId('binnen');
		const unnamed = createShapeId('naamloos');
		const deep = { ...noteShape('diep', { id: createShapeId('diep') }), parentId: inner };
		const loose = { ...noteShape('los', { id: createShapeId('los'), x: 900 }), parentId: unnamed };
		const doc = documentWith({
			[outer]: { ...frame(outer, 0, 0), props: { w: 400, h: 600, name: 'Buiten', color: 'black' } },
			[inner]: { ...frame(inner, 10, 10), parentId: outer, props: { w: 200, h: 200, name: ' Onze ontwerpvraag ', color: 'black' } },
			[unnamed]: { ...frame(unnamed, 800, 0), props: { w: 200, h: 200, name: '', color: 'black' } },
			[deep.id]: deep,
			[loose.id]: loose
		});
		// "los" stands higher on the page (y 0) than "diep" (10 + 0 inside two frames).
		expect(notesOfDocument(doc).map((note) => [note.text, note.frame])).toEqual([
			['los', null],
			['diep', 'Onze ontwerpvraag']
		]);
	});

	it('follows a turned frame', () => {
		const turned = createShapeId('gedraaid');
		// A quarter turn: (0, 100) inside lands 100 to the left of the frame, at y 0.
		const inTurned = { ...noteShape('gedraaid', { id: createShapeId('a'), x: 0, y: 100 }), parentId: turned };
		const plain = noteShape('recht', { id: createShapeId('b'), x: 0, y: 50 });
		const doc = documentWith({ [turned]: frame(turned, 300, 0, Math.PI / 2), [inTurned.id]: inTurned, [plain.id]: plain });
		expect(notesOfDocument(doc).map((note) => note.text)).toEqual(['gedraaid', 'recht']);
	});

	it('keeps a note with missing or broken parts, without text or author', () => {
		const id = createShapeId('kaal');
		const doc = documentWith({
			[id]: { typeName: 'shape', type: 'note' },
			'shape:kapot': {
				typeName: 'shape',
				type: 'note',
				x: 'links',
				y: null,
				props: { richText: { type: 'doc', content: 'geen lijst' } },
				meta: { [AUTHOR_META_KEY]: 42 }
			}
		});
		expect(notesOfDocument(doc)).toEqual([
			{ id, text: '', author: null, frame: null },
			{ id: 'shape:kapot', text: '', author: null, frame: null }
		]);
	});

	it('skips what is not a note, and garbage', () => {
		const note = noteShape('echt', { id: createShapeId('echt') });
		const geo = geoShape('geen notitie', { id: createShapeId('geo') });
		const nested = { type: 'doc', content: [] as unknown[] };
		let level = nested;
		for (let i = 0; i < 10_000; i++) {
			const deeper = { type: 'paragraph', content: [] as unknown[] };
			level.content.push(deeper);
			level = deeper;
		}
		const doc = documentWith({
			[note.id]: note,
			[geo.id]: geo,
			'shape:tekst': 'een notitie',
			'shape:getal': 42,
			'shape:null': null,
			'shape:lijst': [note],
			'shape:anders': { ...note, typeName: 'record' },
			'shape:diep': { ...note, props: { richText: nested } }
		});
		// Both at (0, 0): the id decides.
		expect(notesOfDocument(doc)).toEqual([
			{ id: 'shape:diep', text: '', author: null, frame: null },
			{ id: note.id, text: 'echt', author: null, frame: null }
		]);
	});
});
