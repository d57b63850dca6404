import { createTLStore } from '@tldraw/editor';
import type { TLShape } from '@tldraw/tlschema';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTHOR_META_KEY, SILENT_ROUND_META_KEY, TEMPLATE_META_KEY } from '../../live/canvas-lock';
import { geoShape, noteShape } from '../test-factories';
import { isLockedReadOnly, registerLiveRules, type LiveCanvasOptions } from './live-rules';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function liveOptions(overrides: Partial<LiveCanvasOptions> = {}): LiveCanvasOptions {
	return {
		author: 'participant:anouk',
		canEditTemplate: false,
		lock: 'open',
		silent: null,
		hideCursors: false,
		follow: null,
		...overrides
	};
}

/** A store with the rules registered, and a switch for the live settings they read. */
function canvas(initial: LiveCanvasOptions | undefined) {
	let live = initial;
	const store = createTLStore({});
	const rules = registerLiveRules(store, () => live);
	cleanups.push(() => {
		rules.dispose();
		store.dispose();
	});
	return { store, rules, set: (next: LiveCanvasOptions | undefined) => (live = next) };
}

function templateFrame(): TLShape {
	const frame = geoShape('Kolom');
	return { ...frame, isLocked: true, meta: { [TEMPLATE_META_KEY]: true } };
}

describe('registerLiveRules', () => {
	it("stamps every shape this browser creates with its author, also over a copy's stamp", () => {
		const { store } = canvas(liveOptions());
		const note = noteShape('Idee');
		const copy = { ...geoShape('Kopie'), meta: { [AUTHOR_META_KEY]: 'participant:bram' } };

		store.put([note, copy]);

		expect(store.get(note.id)?.meta).toEqual({ [AUTHOR_META_KEY]: 'participant:anouk' });
		expect(store.get(copy.id)?.meta).toEqual({ [AUTHOR_META_KEY]: 'participant:anouk' });
	});

	it('marks notes, and only notes, with the running round until it is revealed', () => {
		const { store, set } = canvas(liveOptions({ silent: { round: 'ronde-1', revealed: false } }));
		const during = noteShape('Stil');
		const drawing = geoShape('Vorm');
		store.put([during, drawing]);

		set(liveOptions({ silent: { round: 'ronde-1', revealed: true } }));
		const after = { ...noteShape('Na'), meta: { [SILENT_ROUND_META_KEY]: 'ronde-1' } };
		store.put([after]);

		expect(store.get(during.id)?.meta).toMatchObject({ [SILENT_ROUND_META_KEY]: 'ronde-1' });
		expect(store.get(drawing.id)?.meta).not.toHaveProperty(SILENT_ROUND_META_KEY);
		expect(store.get(after.id)?.meta).toEqual({ [AUTHOR_META_KEY]: 'participant:anouk' });
	});

	it("leaves shapes from others alone, and everything when there is no live session", () => {
		const { store, set } = canvas(liveOptions({ silent: { round: 'ronde-1', revealed: false } }));
		const remote = noteShape('Van Bram');
		store.mergeRemoteChanges(() => store.put([remote]));
		set(undefined);
		const outside = noteShape('Buiten de sessie');
		store.put([outside]);

		expect(store.get(remote.id)?.meta).toEqual({});
		expect(store.get(outside.id)?.meta).toEqual({});
	});

	it("refuses participants' changes and deletions of the technique under the template lock", () => {
		const { store } = canvas(liveOptions({ lock: 'template' }));
		const frame = templateFrame();
		const note = noteShape('Mag wel');
		store.mergeRemoteChanges(() => store.put([frame, note]));

		store.put([{ ...frame, x: 500, isLocked: false }]);
		store.remove([frame.id]);
		store.put([{ ...note, x: 500 }]);
		// Nor can a participant make a shape of their own part of the technique.
		store.put([{ ...note, meta: { [TEMPLATE_META_KEY]: true } }]);

		expect(store.get(frame.id)).toMatchObject({ x: 0, isLocked: true });
		expect(store.get(note.id)).toMatchObject({ x: 500, meta: {} });
	});

	it('lets changes from others, staff, an open canvas and placing a template through', () => {
		const { store, rules, set } = canvas(liveOptions({ lock: 'template' }));
		const frame = templateFrame();
		store.mergeRemoteChanges(() => store.put([frame]));

		store.mergeRemoteChanges(() => store.put([{ ...frame, x: 100 }]));
		expect(store.get(frame.id)?.x).toBe(100);

		rules.asTemplateEditor(() => store.put([{ ...frame, x: 200 }]));
		expect(store.get(frame.id)?.x).toBe(200);

		set(liveOptions({ lock: 'template', author: 'staff:begeleider@example.nl', canEditTemplate: true }));
		store.put([{ ...frame, x: 300 }]);
		expect(store.get(frame.id)?.x).toBe(300);

		set(liveOptions({ lock: 'open' }));
		store.remove([frame.id]);
		expect(store.has(frame.id)).toBe(false);
	});
});

describe('isLockedReadOnly', () => {
	it('locks participants out of a read-only canvas, never staff', () => {
		expect(isLockedReadOnly(liveOptions({ lock: 'read-only' }))).toBe(true);
		expect(isLockedReadOnly(liveOptions({ lock: 'read-only', canEditTemplate: true }))).toBe(false);
		expect(isLockedReadOnly(liveOptions({ lock: 'template' }))).toBe(false);
		expect(isLockedReadOnly(undefined)).toBe(false);
	});
});
