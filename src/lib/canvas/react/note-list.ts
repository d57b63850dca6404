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

/** Every note of the canvas, in reading order (top to bottom, left to right), on every page. */
export function noteLines(editor: Editor): NoteLine[] {
	const notes = editor.store
		.allRecords()
		.filter((record): record is TLNoteShape => record.typeName === 'shape' && record.type === 'note');
	return notes
		.map((note) => ({ note, bounds: editor.getShapePageBounds(note) }))
		.sort((a, b) => (a.bounds?.y ?? 0) - (b.bounds?.y ?? 0) || (a.bounds?.x ?? 0) - (b.bounds?.x ?? 0))
		.map(({ note }) => ({ id: note.id, text: renderPlaintextFromRichText(editor, note.props.richText).trim() }));
}

/** Calls `listener` with the notes now and after every change of the document (at most every 200 ms). */
export function watchNotes(editor: Editor, listener: (notes: NoteLine[]) => void): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const publish = () => {
		timer = undefined;
		listener(noteLines(editor));
	};
	const stop = editor.store.listen(() => (timer ??= setTimeout(publish, 200)), { scope: 'document' });
	publish();
	return () => {
		stop();
		clearTimeout(timer);
	};
}

/**
 * Adds a note with `text` in the middle of what this person sees, a little lower for each note
 * added this way so they do not pile up exactly on top of each other.
 */
export function addNote(editor: Editor, text: string, offset: number): void {
	const center = editor.getViewportPageBounds().center;
	const step = (offset % 6) * 30;
	editor.createShape<TLNoteShape>({
		id: createShapeId(),
		type: 'note',
		x: center.x - 100 + step,
		y: center.y - 100 + step,
		props: { richText: toRichText(text) }
	});
}
