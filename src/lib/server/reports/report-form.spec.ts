import { describe, expect, it } from 'vitest';
import { readReportForm, type ReportFormTarget } from './report-form';

const THEME = '00000000-0000-4000-8000-000000000301';
const PERSON = '00000000-0000-4000-8000-000000000501';
const OTHER = '00000000-0000-4000-8000-000000000502';

const target: ReportFormTarget = {
	themes: [{ id: THEME, noteIds: new Set(['shape:a', 'shape:b', 'shape:c']), generatedQuestions: ['Hoe kunnen wij X zodat Y?'] }],
	takeawayIds: new Set([PERSON, OTHER]),
	stored: { intro: '', themes: {}, hiddenTakeaways: [] }
};

function form(fields: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of fields) data.append(name, value);
	return data;
}

const listedNotes: [string, string][] = ['shape:a', 'shape:b', 'shape:c'].map((id) => ['notitie', `${THEME}|${id}`]);

describe('readReportForm', () => {
	it('reads the introduction, what is left out, and keeps questions as proposed linked to the canvas', () => {
		const read = readReportForm(
			form([
				['inleiding', '  Een middag.\r\n\r\nTweede alinea.  '],
				[`vragen-${THEME}`, 'Hoe kunnen wij   X\tzodat Y?\n\n'],
				[`samenvatting-${THEME}`, 'Veel energie'],
				...listedNotes,
				['opnemen', `${THEME}|shape:a`],
				['opnemen', `${THEME}|shape:c`],
				['meenemer', PERSON],
				['meenemer', OTHER],
				['meenemer-opnemen', OTHER]
			]),
			target
		);
		expect(read).toEqual({
			ok: true,
			edits: {
				intro: 'Een middag.\n\nTweede alinea.',
				themes: { [THEME]: { designQuestions: null, summary: 'Veel energie', hiddenNotes: ['shape:b'] } },
				hiddenTakeaways: [PERSON]
			}
		});
	});

	it('stores the organizer’s own questions, one per line', () => {
		const read = readReportForm(form([[`vragen-${THEME}`, 'Eerste vraag?\n  Tweede vraag?  ']]), target);
		expect(read.ok && read.edits.themes[THEME]?.designQuestions).toEqual(['Eerste vraag?', 'Tweede vraag?']);
	});

	it('ignores notes, themes and people the report does not have, and leaves out only what was listed', () => {
		const read = readReportForm(
			form([
				['notitie', `${THEME}|shape:elders`],
				['notitie', `00000000-0000-4000-8000-000000000399|shape:a`],
				['notitie', 'geen sleutel'],
				['notitie', `${THEME}|shape:a`],
				['meenemer', '00000000-0000-4000-8000-000000000599']
			]),
			target
		);
		expect(read.ok && read.edits.themes[THEME]?.hiddenNotes).toEqual(['shape:a']);
		expect(read.ok && read.edits.hiddenTakeaways).toEqual([]);
	});

	it('names every field that is too long, and gives back what was typed and ticked', () => {
		const read = readReportForm(
			form([
				['inleiding', 'x'.repeat(4001)],
				[`vragen-${THEME}`, `${'Waarom '.repeat(50)}?`],
				[`samenvatting-${THEME}`, 'y'.repeat(4001)],
				...listedNotes,
				['opnemen', `${THEME}|shape:b`]
			]),
			target
		);
		expect(read.ok).toBe(false);
		if (read.ok) return;
		expect(read.errors).toEqual({
			inleiding: 'De inleiding is te lang: maximaal 4000 tekens (nu 4001).',
			[`vragen-${THEME}`]: 'Ontwerpvraag 1 is te lang: maximaal 300 tekens.',
			[`samenvatting-${THEME}`]: 'De samenvatting is te lang: maximaal 4000 tekens (nu 4001).'
		});
		expect(read.values[`vragen-${THEME}`]).toContain('Waarom');
		expect(read.kept).toEqual([`${THEME}|shape:b`]);
	});

	it('takes many or long proposed questions as they are: the limits are for what is typed', () => {
		const proposed = Array.from({ length: 12 }, (_, index) => `Hoe kunnen wij ${'heel '.repeat(index * 10)}iets ${index}?`);
		const many: ReportFormTarget = { ...target, themes: [{ ...target.themes[0]!, generatedQuestions: proposed }] };
		const read = readReportForm(form([[`vragen-${THEME}`, proposed.join('\n')]]), many);
		expect(read.ok && read.edits.themes[THEME]?.designQuestions).toBeNull();
	});

	it('keeps what is stored for a theme, note or take-away the form does not carry', () => {
		const stored = {
			intro: 'Oud',
			themes: { [THEME]: { designQuestions: ['Eigen vraag?'], summary: 'Bewaard', hiddenNotes: ['shape:b'] } },
			hiddenTakeaways: [PERSON]
		};
		// Only the introduction and one listed (ticked) note came in.
		const read = readReportForm(form([['inleiding', 'Nieuw'], ['notitie', `${THEME}|shape:a`], ['opnemen', `${THEME}|shape:a`]]), { ...target, stored });
		expect(read).toEqual({
			ok: true,
			edits: {
				intro: 'Nieuw',
				themes: { [THEME]: { designQuestions: ['Eigen vraag?'], summary: 'Bewaard', hiddenNotes: ['shape:b'] } },
				hiddenTakeaways: [PERSON]
			}
		});
	});
});
