import { transformPoint } from './geometry';
import type { DrawnShape, Scene } from './scene';

// The canvas in words, for people who cannot see the picture: how many notes, which frames, how
// many other shapes. It is the SVG's <title> and the report's text alternative.

/** Frames named in the alt text; the rest are counted. */
const MAX_LISTED_FRAMES = 12;
/** A frame name in the alt text is cut after this many characters. */
const MAX_ALT_NAME_LENGTH = 80;

/**
 * For example "Canvas met 12 notities in 3 kaders: Tops, Tips en Verbeterpunten." ("in" when
 * every note sits in a frame, "en" otherwise). Plain text: escape it where it goes.
 */
export function sceneAltText(scene: Scene): string {
	if (scene.shapes.length === 0) return 'Leeg canvas.';
	const notes = scene.shapes.filter((shape) => shape.drawing.kind === 'note');
	const frames = scene.shapes.filter((shape) => shape.drawing.kind === 'frame');
	const others = scene.shapes.length - notes.length - frames.length;

	let text = `Canvas met ${counted(notes.length, 'notitie', 'notities', 'geen notities')}`;
	if (frames.length > 0) {
		const everyNoteInAFrame = notes.length > 0 && notes.every((note) => note.inFrame);
		text += `${everyNoteInAFrame ? ' in ' : ' en '}${counted(frames.length, 'kader', 'kaders')}`;
		const names = frameNames(frames);
		if (names) text += `: ${names}`;
	}
	text += '.';
	if (others > 0) text += ` Verder ${counted(others, 'andere vorm', 'andere vormen')}.`;
	return text;
}

function counted(count: number, one: string, many: string, none = `0 ${many}`): string {
	if (count === 0) return none;
	return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

/** The frames' names in reading order (top to bottom, then left to right), as a Dutch list. */
function frameNames(frames: DrawnShape[]): string {
	const ordered = frames
		.map((frame) => ({ frame, corner: transformPoint(frame.page, { x: 0, y: 0 }) }))
		.sort((a, b) => a.corner.y - b.corner.y || a.corner.x - b.corner.x)
		.map(({ frame }) => (frame.drawing.kind === 'frame' ? frame.drawing.name : ''));
	const named = ordered.filter((name) => name !== '');
	const unnamed = ordered.length - named.length;
	if (named.length === 0) return '';
	const items = named.slice(0, MAX_LISTED_FRAMES).map((name) => cutText(name, MAX_ALT_NAME_LENGTH));
	if (named.length > items.length) items.push(`nog ${named.length - items.length}`);
	if (unnamed > 0) items.push(`${unnamed} zonder naam`);
	return new Intl.ListFormat('nl', { type: 'conjunction' }).format(items);
}

/** `text` cut to `length` characters (not UTF-16 units), the last one an ellipsis. */
function cutText(text: string, length: number): string {
	const characters = [...text];
	return characters.length <= length ? text : `${characters.slice(0, length - 1).join('')}…`;
}
