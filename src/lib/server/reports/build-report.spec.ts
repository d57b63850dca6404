import { describe, expect, it } from 'vitest';
import type { CanvasNote } from '../realtime/canvas-notes';
import { sortNotes } from './build-report';

const kinds = { questionFrames: new Set(['Onze ontwerpvraag']), handvatFrames: new Set(['Wat', 'Wie', 'Wanneer']) };
const note = (id: string, text: string, frame: string | null = null): CanvasNote => ({ id: `shape:${id}`, text, author: null, frame });

describe('sortNotes', () => {
	it('sorts a canvas into the design question, ideas by votes (canvas order among equals) and handvatten', () => {
		const sorted = sortNotes(
			[
				note('q', 'Hoe kunnen wij\nsneller beslissen?', 'Onze ontwerpvraag'),
				note('a', 'Idee A'),
				note('b', 'Idee B', 'Ronde 1'),
				note('c', 'Idee C'),
				note('w', 'Een pilot', 'Wat'),
				note('leeg', '   ')
			],
			kinds,
			new Map([
				['shape:b', 3],
				['shape:c', 1]
			])
		);
		expect(sorted.questions).toEqual(['Hoe kunnen wij sneller beslissen?']);
		expect(sorted.ideas.map((idea) => [idea.text, idea.votes, idea.column])).toEqual([
			['Idee B', 3, 'Ronde 1'],
			['Idee C', 1, null],
			['Idee A', 0, null]
		]);
		expect(sorted.handvatten).toEqual([{ id: 'shape:w', column: 'Wat', text: 'Een pilot' }]);
	});

	it('counts a note worded as a question as the question, unless people voted for it as an idea; each question once', () => {
		const sorted = sortNotes(
			[note('x', 'Hoe kunnen we inwoners bereiken?'), note('y', 'Hoe kan ik dit meenemen?'), note('z', 'Hoe kunnen we inwoners bereiken?'), note('v', 'Hoe kunnen wij samen optrekken?')],
			kinds,
			new Map([['shape:v', 2]])
		);
		expect(sorted.questions).toEqual(['Hoe kunnen we inwoners bereiken?', 'Hoe kan ik dit meenemen?']);
		expect(sorted.ideas.map((idea) => idea.text)).toEqual(['Hoe kunnen wij samen optrekken?']);
	});

	it('lists handvatten in the technique’s column order, whichever column comes first on the canvas', () => {
		const sorted = sortNotes(
			[note('wanneer', 'Voor de zomer', 'Wanneer'), note('wie', 'Het team', 'Wie'), note('wat', 'Een pilot', 'Wat'), note('wat2', 'Een evaluatie', 'Wat')],
			kinds,
			undefined
		);
		expect(sorted.handvatten.map((handvat) => handvat.text)).toEqual(['Een pilot', 'Een evaluatie', 'Het team', 'Voor de zomer']);
	});
});
