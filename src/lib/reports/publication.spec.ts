import { describe, expect, it } from 'vitest';
import { testReport } from '$lib/server/reports/test-reports';
import { publicationOf } from './publication';
import type { ReportDocument } from './report-document';

const EVENT = { slug: 'ontwerpsessies-2019', title: 'Community of practice: ontwerpsessies 2019' };

/** The sample report as session `position`, with theme 1 changed by `theme`. */
function session(position: number, theme: Partial<ReportDocument['themes'][number]>, rest: Partial<ReportDocument> = {}): ReportDocument {
	const report = testReport();
	return {
		...report,
		...rest,
		session: { ...report.session, position, title: `Ontwerpsessie ${position}` },
		themes: report.themes.map((candidate) => (candidate.position === 1 ? { ...candidate, ...theme } : candidate))
	};
}

describe('publicationOf', () => {
	it('follows a theme across sessions in order: its questions per session, the last ideas, each handvat once', () => {
		const first = session(1, {
			designQuestions: ['Hoe kunnen wij sneller beslissen?'],
			ideas: [{ id: 'shape:a', text: 'Eerste idee', votes: 2, column: null }],
			handvatten: [{ id: 'shape:h1', column: 'Wat', text: 'Een pilot starten' }]
		});
		const second = session(2, {
			designQuestions: ['Hoe kunnen wij sneller beslissen zodat initiatieven niet afhaken?'],
			ideas: [
				{ id: 'shape:b', text: 'Een snelloket', votes: 5, column: null },
				{ id: 'shape:a', text: 'Eerste idee', votes: 1, column: null }
			],
			// The canvas carried over: the first handvat is still there, changed, beside a new one.
			handvatten: [
				{ id: 'shape:h1', column: 'Wat', text: 'Een pilot starten in het voorjaar' },
				{ id: 'shape:h2', column: 'Wie', text: 'Het team subsidies' }
			]
		});
		// In any order in, in session order out.
		const publication = publicationOf(EVENT, [second, first]);
		expect(publication.sessions.map((entry) => entry.title)).toEqual(['Ontwerpsessie 1', 'Ontwerpsessie 2']);
		const theme = publication.themes.find((candidate) => candidate.position === 1)!;
		expect(theme.sessions.map((step) => [step.sessionTitle, step.designQuestions])).toEqual([
			['Ontwerpsessie 1', ['Hoe kunnen wij sneller beslissen?']],
			['Ontwerpsessie 2', ['Hoe kunnen wij sneller beslissen zodat initiatieven niet afhaken?']]
		]);
		expect(theme.finalIdeasFrom).toBe('Ontwerpsessie 2');
		expect(theme.finalIdeas.map((idea) => idea.text)).toEqual(['Een snelloket', 'Eerste idee']);
		expect(theme.handvatten.map((handvat) => handvat.text)).toEqual(['Een pilot starten in het voorjaar', 'Het team subsidies']);
	});

	it('groups the handvatten in the technique’s column order, whichever columns each session filled', () => {
		// No session filled every column: the order comes from the technique, as the reports keep it.
		const first = session(1, {
			handvatten: [
				{ id: 'shape:h1', column: 'Wie', text: 'Het team subsidies' },
				{ id: 'shape:h2', column: 'Wanneer', text: 'Voor de zomer' }
			]
		});
		const second = session(2, { handvatten: [{ id: 'shape:h3', column: 'Wat', text: 'Een pilot starten' }] });
		const theme = publicationOf(EVENT, [first, second]).themes.find((candidate) => candidate.position === 1)!;
		expect(theme.handvatten.map((handvat) => handvat.column)).toEqual(['Wat', 'Wie', 'Wanneer']);

		// Copies published before the order was kept: columns in the order they first appear.
		const older = publicationOf(EVENT, [{ ...first, handvatColumns: [] }, { ...second, handvatColumns: [] }]);
		expect(older.themes.find((candidate) => candidate.position === 1)!.handvatten.map((handvat) => handvat.column)).toEqual(['Wie', 'Wanneer', 'Wat']);
	});

	it('keeps the ideas of an earlier session when a later one has none for the theme', () => {
		const first = session(1, { ideas: [{ id: 'shape:a', text: 'Blijft staan', votes: 3, column: null }] });
		const second = session(2, { ideas: [] });
		const theme = publicationOf(EVENT, [first, second]).themes.find((candidate) => candidate.position === 1)!;
		expect(theme.finalIdeasFrom).toBe('Ontwerpsessie 1');
		expect(theme.finalIdeas.map((idea) => idea.text)).toEqual(['Blijft staan']);
	});

	it('brings organisations together by name, with everyone named in any session once', () => {
		const first = session(1, {}, { organisations: [{ name: 'Gemeente Utrecht', people: ['Anna Akkerman'] }, { name: 'Gemeente Ede', people: [] }] });
		const second = session(2, {}, { organisations: [{ name: 'Gemeente Utrecht', people: ['Anna Akkerman', 'Bram Bos'] }] });
		expect(publicationOf(EVENT, [first, second]).organisations).toEqual([
			{ name: 'Gemeente Ede', people: [] },
			{ name: 'Gemeente Utrecht', people: ['Anna Akkerman', 'Bram Bos'] }
		]);
	});

	it('is empty without published reports', () => {
		expect(publicationOf(EVENT, [])).toEqual({ event: EVENT, sessions: [], themes: [], takeaways: [], organisations: [] });
	});
});
