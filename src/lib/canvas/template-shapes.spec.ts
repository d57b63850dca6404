import { createTLStore } from '@tldraw/editor';
import { createShapeId, type TLShape, type TLShapePartial } from '@tldraw/tlschema';
import { getIndices } from '@tldraw/utils';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_META_KEY } from '../live/canvas-lock';
import type { TemplateLayout } from '../live/template-spec';
import { templateShapes, templateSize } from './template-shapes';
import { TEST_PAGE_ID } from './test-factories';

function layout(overrides: Partial<TemplateLayout> = {}): TemplateLayout {
	return {
		prompt: 'Wat gaat er goed, wat kan beter en wat gaan we proberen?',
		columns: [
			{ heading: 'Tops', hint: 'Wat gaat goed?' },
			{ heading: 'Tips', hint: '' },
			{ heading: 'Proberen', hint: 'Eén ding voor volgende week.' }
		],
		votesPerPerson: 3,
		...overrides
	};
}

function sequentialIds() {
	let next = 0;
	return () => createShapeId(`vorm-${++next}`);
}

type Box = { x: number; y: number; w: number; h: number };

function frameBoxes(shapes: TLShapePartial[]): Box[] {
	return shapes.flatMap((shape) =>
		shape.type === 'frame' ? [{ x: shape.x ?? 0, y: shape.y ?? 0, w: shape.props?.w ?? 0, h: shape.props?.h ?? 0 }] : []
	);
}

/** Plain-text paragraphs of a text shape's rich text, without an editor. */
function paragraphs(shape: TLShapePartial): string[] {
	if (shape.type !== 'text' || !shape.props?.richText) return [];
	return shape.props.richText.content.map((paragraph) => JSON.stringify(paragraph).match(/"text":"([^"]*)"/)?.[1] ?? '');
}

describe('templateShapes', () => {
	it('lays out the heading, then each column as a frame followed by its hint', () => {
		const shapes = templateShapes(layout(), { x: 100, y: 50 }, { name: 'Tops en tips', createId: sequentialIds() });

		expect(shapes.map((shape) => shape.type)).toEqual(['text', 'frame', 'text', 'frame', 'frame', 'text']);
		expect(paragraphs(shapes[0]!)).toEqual(['Tops en tips', 'Wat gaat er goed, wat kan beter en wat gaan we proberen?']);
		expect(shapes.filter((shape) => shape.type === 'frame').map((shape) => shape.props?.name)).toEqual(['Tops', 'Tips', 'Proberen']);
		// Each hint sits inside the frame before it, at the top.
		expect(shapes[2]).toMatchObject({ parentId: shapes[1]!.id, x: 24, y: 24 });
		expect(paragraphs(shapes[2]!)).toEqual(['Wat gaat goed?']);
		expect(shapes[5]).toMatchObject({ parentId: shapes[4]!.id });
		expect(new Set(shapes.map((shape) => shape.id)).size).toBe(shapes.length);
	});

	it('marks every shape as part of the technique, and locks it', () => {
		const shapes = templateShapes(layout(), { x: 0, y: 0 }, { name: 'Tops en tips' });

		for (const shape of shapes) {
			expect(shape.meta).toEqual({ [TEMPLATE_META_KEY]: true });
			expect(shape.isLocked).toBe(true);
		}
	});

	it('puts the frames side by side below the heading, without overlap, within the reported size', () => {
		const origin = { x: -300, y: 200 };
		const shapes = templateShapes(layout(), origin, { name: 'Tops en tips' });
		const frames = frameBoxes(shapes);
		const size = templateSize(layout(), { name: 'Tops en tips' });

		expect(frames.map((frame) => [frame.w, frame.h])).toEqual([
			[720, 900],
			[720, 900],
			[720, 900]
		]);
		for (let i = 1; i < frames.length; i++) expect(frames[i]!.x).toBeGreaterThanOrEqual(frames[i - 1]!.x + frames[i - 1]!.w);
		expect(shapes[0]).toMatchObject({ x: origin.x, y: origin.y, props: { w: size.w } });
		for (const frame of frames) {
			expect(frame.y).toBeGreaterThan(origin.y + 2 * 24);
			expect(frame.x + frame.w).toBeLessThanOrEqual(origin.x + size.w);
			expect(frame.y + frame.h).toBeLessThanOrEqual(origin.y + size.h);
		}
	});

	it('makes frames narrower from four columns on, and leaves more room for a long prompt', () => {
		const columns = Array.from({ length: 6 }, (_, i) => ({ heading: `Kolom ${i + 1}`, hint: '' }));
		const wide = frameBoxes(templateShapes(layout({ columns }), { x: 0, y: 0 }, { name: 'Zes' }));
		expect(wide).toHaveLength(6);
		expect(wide.every((frame) => frame.w < 720)).toBe(true);

		const single = layout({ columns: [{ heading: 'Ideeën', hint: '' }] });
		const short = frameBoxes(templateShapes(single, { x: 0, y: 0 }, { name: 'Kort' }))[0]!;
		const long = frameBoxes(templateShapes({ ...single, prompt: 'Lang. '.repeat(50) }, { x: 0, y: 0 }, { name: 'Kort' }))[0]!;
		expect(long.y).toBeGreaterThan(short.y + 100);
	});

	it('gives shapes that tldraw accepts as records', () => {
		const store = createTLStore({});
		const shapes = templateShapes(layout(), { x: 0, y: 0 }, { name: 'Tops en tips' });
		const indices = getIndices(shapes.length);
		const records = shapes.map((partial, i) => {
			const defaults =
				partial.type === 'frame'
					? { w: 1, h: 1, name: '', color: 'black' }
					: { color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: 8, scale: 1, autoSize: true };
			const record = {
				typeName: 'shape',
				rotation: 0,
				opacity: 1,
				index: indices[i],
				parentId: TEST_PAGE_ID,
				...partial,
				props: { ...defaults, ...partial.props }
			};
			return record as TLShape;
		});

		expect(() => store.put(records)).not.toThrow();
		expect(store.query.records('shape').get()).toHaveLength(shapes.length);
	});
});
