import { createShapeId, renderPlaintextFromRichText, toRichText, type Editor, type TLNoteShape } from 'tldraw';

/**
 * The text route to a canvas: every note as a line of text, and adding a note by typing. A
 * whiteboard cannot be fully accessible; this list can (screen readers, keyboard only, large
 * text), and it is the same data, live.
 */
export interface NoteLine {
	id: string;
	text: string;
}

/**
 * Every note of the canvas this person may see, in reading order (top to bottom, left to right),
 * on every page. Notes the canvas hides (silent writing, see silent-writing.ts) are left out.
 */
export function noteLines(editor: Editor): NoteLine[] {
	const notes = editor.store
		.allRecords()
		.filter((record): record is TLNoteShape => record.typeName === 'shape' && record.type === 'note')
		.filter((note) => !editor.isShapeHidden(note));
	return notes
		.map((note) => ({ note, bounds: editor.getShapePageBounds(note) }))
		.sort((a, b) => (a.bounds?.y ?? 0) - (b.bounds?.y ?? 0) || (a.bounds?.x ?? 0) - (b.bounds?.x ?? 0))
		.map(({ note }) => ({ id: note.id, text: renderPlaintextFromRichText(editor, note.props.richText).trim() }));
}

export interface NotesWatch {
	/** Lists the notes again soon: what is hidden changed, not the document. */
	refresh(): void;
	stop(): void;
}

/** Calls `listener` with the notes now and after every change of the document (at most every 200 ms). */
export function watchNotes(editor: Editor, listener: (notes: NoteLine[]) => void): NotesWatch {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const publish = () => {
		timer = undefined;
		listener(noteLines(editor));
	};
	const schedule = () => (timer ??= setTimeout(publish, 200));
	const stop = editor.store.listen(schedule, { scope: 'document' });
	publish();
	return {
		refresh: schedule,
		stop() {
			stop();
			clearTimeout(timer);
		}
	};
}

/**
 * Adds a note with `text` near the middle of what this person sees, on the first free spot: two
 * people adding notes this way at once must not stack them exactly on top of each other.
 */
export function addNote(editor: Editor, text: string): void {
	const center = editor.getViewportPageBounds().center;
	const size = 200;
	const gap = 20;
	const taken = noteBounds(editor);
	const spot = spiral(12)
		.map(([col, row]) => ({ x: center.x - size / 2 + col * (size + gap), y: center.y - size / 2 + row * (size + gap) }))
		.find((candidate) => !taken.some((box) => overlaps(box, { ...candidate, w: size, h: size })));
	const { x, y } = spot ?? { x: center.x - size / 2, y: center.y - size / 2 };
	editor.createShape<TLNoteShape>({ id: createShapeId(), type: 'note', x, y, props: { richText: toRichText(text) } });
}

type Box = { x: number; y: number; w: number; h: number };

function noteBounds(editor: Editor): Box[] {
	return editor
		.getCurrentPageShapes()
		.map((shape) => editor.getShapePageBounds(shape))
		.filter((bounds) => bounds !== undefined)
		.map((bounds) => ({ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }));
}

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Grid offsets from the centre outwards, ring by ring: [0,0], then the 8 around it, and so on. */
function spiral(rings: number): [number, number][] {
	const cells: [number, number][] = [[0, 0]];
	for (let ring = 1; ring <= rings; ring++) {
		for (let row = -ring; row <= ring; row++) {
			for (let col = -ring; col <= ring; col++) {
				if (Math.max(Math.abs(col), Math.abs(row)) === ring) cells.push([col, row]);
			}
		}
	}
	return cells;
}
