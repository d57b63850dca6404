import { describe, expect, it } from 'vitest';
import { emptyItem, itemFieldName, MAX_AGENDA_ITEMS, sessionField, type ItemFormValues, type SessionFormValues } from '$lib/programme/agenda-rows';
import { copiedSessionValues, parseSessionForm, readSessionForm, sessionFormValues, type AgendaChoices } from './agenda-form';

const TEMPLATE = '00000000-0000-4000-8000-00000000a001';
const THEME = '00000000-0000-4000-8000-000000000101';
const STORED_ITEM = '00000000-0000-4000-8000-00000000b001';
const choices: AgendaChoices = { templateIds: new Set([TEMPLATE]), themeIds: new Set([THEME]) };

/** An item row as the form posts it. */
function item(startTime: string, endTime: string, title: string, overrides: Partial<ItemFormValues> = {}): ItemFormValues {
	return { ...emptyItem(), startTime, endTime, title, ...overrides };
}

/** A session on Thursday 4 March 2027, 13:30–17:00, in Zandvoort, with `items`. */
function session(items: ItemFormValues[], overrides: Partial<SessionFormValues> = {}): SessionFormValues {
	return {
		title: 'Ontwerpsessie 1',
		date: '2027-03-04',
		startTime: '13:30',
		endTime: '17:00',
		venueLater: false,
		venueName: 'Plastic Soep Pop-up atelier',
		venueAddress: 'Passage 20',
		venueCity: 'Zandvoort',
		items,
		...overrides
	};
}

function errorsOf(values: SessionFormValues): Record<string, string> {
	const result = parseSessionForm(values, choices);
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

function accepted(values: SessionFormValues) {
	const result = parseSessionForm(values, choices);
	if (!result.ok) throw new Error(`expected the form to be accepted: ${JSON.stringify(result.errors)}`);
	return result.session;
}

describe('parseSessionForm', () => {
	it('reads a session and its items as Amsterdam times, with kind, technique, theme and silent writing', () => {
		const result = accepted(
			session([
				item('13:30', '13:45', 'Welkom en kennismaking', { id: STORED_ITEM }),
				item('13:45', '14:30', ' Samen   aan de slag ', { kind: 'breakout', templateId: TEMPLATE, themeId: THEME, silentWriting: true }),
				item('14:30', '14:50', 'Pauze', { kind: 'break' })
			])
		);
		// March is winter time: UTC+1.
		expect(result.startsAt.toISOString()).toBe('2027-03-04T12:30:00.000Z');
		expect(result.endsAt.toISOString()).toBe('2027-03-04T16:00:00.000Z');
		expect(result.venue).toEqual({ name: 'Plastic Soep Pop-up atelier', address: 'Passage 20', city: 'Zandvoort' });
		expect(result.items).toEqual([
			{
				id: STORED_ITEM,
				startsAt: new Date('2027-03-04T12:30:00Z'),
				endsAt: new Date('2027-03-04T12:45:00Z'),
				title: 'Welkom en kennismaking',
				kind: 'plenary',
				silentWriting: false,
				templateId: null,
				themeId: null
			},
			{
				id: null,
				startsAt: new Date('2027-03-04T12:45:00Z'),
				endsAt: new Date('2027-03-04T13:30:00Z'),
				title: 'Samen aan de slag',
				kind: 'breakout',
				silentWriting: true,
				templateId: TEMPLATE,
				themeId: THEME
			},
			{
				id: null,
				startsAt: new Date('2027-03-04T13:30:00Z'),
				endsAt: new Date('2027-03-04T13:50:00Z'),
				title: 'Pauze',
				kind: 'break',
				silentWriting: false,
				templateId: null,
				themeId: null
			}
		]);
	});

	it('takes summer time in September, a venue that follows, gaps between items, and 9.05 as 09:05', () => {
		const result = accepted(
			session([item('9.05', '10:00', 'Ochtend'), item('11:00', '12:00', 'Na een gat')], {
				date: '2027-09-23',
				startTime: '9:00',
				endTime: '12:00',
				venueLater: true,
				venueName: 'wordt niet bewaard'
			})
		);
		expect(result.startsAt.toISOString()).toBe('2027-09-23T07:00:00.000Z');
		expect(result.items[0]?.startsAt.toISOString()).toBe('2027-09-23T07:05:00.000Z');
		expect(result.venue).toBeNull();
	});

	it('leaves out a new row nobody filled in, but not a stored one', () => {
		const result = accepted(session([item('13:30', '14:00', 'Welkom'), emptyItem({ endTime: '14:00' })]));
		expect(result.items).toHaveLength(1);
		const stored = errorsOf(session([item('13:30', '14:00', 'Welkom'), { ...emptyItem(), id: STORED_ITEM }]));
		expect(stored[itemFieldName(2, 'title')]).toBe('Geef onderdeel 2 een titel.');
	});

	it('names the two items that overlap, at the start of the later one', () => {
		const errors = errorsOf(
			session([item('13:30', '14:00', 'Welkom'), item('14:00', '14:30', 'Presentatie'), item('14:20', '14:50', 'Uitwisselen')])
		);
		expect(errors).toEqual({
			[itemFieldName(3, 'startTime')]:
				'Onderdeel 3 (‘Uitwisselen’) overlapt met onderdeel 2 (‘Presentatie’): dat loopt tot 14:30, dit begint om 14:20. ' +
				'Laat onderdeel 3 om 14:30 of later beginnen, of laat onderdeel 2 eerder eindigen.'
		});
	});

	it('finds an overlap with a long item that is not the one just before', () => {
		const errors = errorsOf(session([item('13:30', '15:00', 'Lang blok'), item('13:40', '13:50', 'Kort')]));
		expect(errors[itemFieldName(2, 'startTime')]).toContain('overlapt met onderdeel 1 (‘Lang blok’)');
	});

	it('refuses items out of order, and says how to sort them', () => {
		const errors = errorsOf(session([item('14:00', '14:30', 'Tweede'), item('13:30', '14:00', 'Eerste')]));
		expect(errors[itemFieldName(2, 'startTime')]).toBe(
			'Onderdeel 2 begint (13:30) eerder dan onderdeel 1 (14:00). Zet de onderdelen op volgorde van tijd, bijvoorbeeld met ‘Op begintijd sorteren’.'
		);
	});

	it('refuses items outside the session’s times, at the field that is outside', () => {
		const errors = errorsOf(session([item('13:00', '13:45', 'Te vroeg'), item('16:45', '17:15', 'Te laat')]));
		expect(errors).toEqual({
			[itemFieldName(1, 'startTime')]: 'Onderdeel 1 begint om 13:00, vóór het begin van de sessie (13:30).',
			[itemFieldName(2, 'endTime')]: 'Onderdeel 2 eindigt om 17:15, na het einde van de sessie (17:00).'
		});
	});

	it('refuses an item that ends before it starts, and a session that does', () => {
		expect(errorsOf(session([item('14:00', '13:45', 'Achterstevoren')]))).toEqual({
			[itemFieldName(1, 'endTime')]: 'Onderdeel 1 moet eindigen na de begintijd (14:00).'
		});
		expect(errorsOf(session([], { startTime: '17:00', endTime: '13:30' }))).toEqual({
			[sessionField.endTime]: 'De sessie moet eindigen na de begintijd (17:00).'
		});
	});

	it('refuses times and dates that are not, with the message at the field', () => {
		const errors = errorsOf(
			session([item('25:00', '', 'Onmogelijk'), item('abc', '14:00', '')], { date: '2027-02-30', title: '  ' })
		);
		expect(errors).toEqual({
			[sessionField.title]: 'Geef de sessie een titel, bijvoorbeeld ‘Ontwerpsessie 1’.',
			[sessionField.date]: 'Vul een bestaande datum in, bijvoorbeeld 26-09-2027.',
			[itemFieldName(1, 'startTime')]: 'Vul een tijd in als uu:mm, bijvoorbeeld 13:30.',
			[itemFieldName(1, 'endTime')]: 'Vul de eindtijd van onderdeel 1 in, bijvoorbeeld 13:30.',
			[itemFieldName(2, 'startTime')]: 'Vul een tijd in als uu:mm, bijvoorbeeld 13:30.',
			[itemFieldName(2, 'title')]: 'Geef onderdeel 2 een titel.'
		});
	});

	it('asks for a venue unless it follows, and refuses markup', () => {
		expect(errorsOf(session([], { venueName: '', venueCity: '' }))).toEqual({
			[sessionField.venueName]: 'Vul de naam van de locatie in, of kies ‘De locatie volgt nog’.',
			[sessionField.venueCity]: 'Vul de plaats van de locatie in, of kies ‘De locatie volgt nog’.'
		});
		expect(errorsOf(session([item('13:30', '14:00', '<script>')]))).toEqual({
			[itemFieldName(1, 'title')]: 'Gebruik geen < of > in de titel.'
		});
	});

	it('accepts only techniques and themes that may be chosen, and items of a known kind', () => {
		const errors = errorsOf(
			session([item('13:30', '14:00', 'Blok', { kind: 'feest', templateId: '00000000-0000-4000-8000-00000000dead', themeId: 'x' })])
		);
		expect(errors).toEqual({
			[itemFieldName(1, 'kind')]: 'Kies wat voor onderdeel het is: plenair, werken in thema’s of pauze.',
			[itemFieldName(1, 'templateId')]: 'Kies een werkvorm uit de lijst.',
			[itemFieldName(1, 'themeId')]: 'Kies een thema van dit evenement.'
		});
	});

	it('refuses a row id that is not an id, or the same id twice', () => {
		expect(errorsOf(session([item('13:30', '14:00', 'Blok', { id: 'nep' })]))).toEqual({
			formulier: 'Een onderdeel is niet herkend. Laad de pagina opnieuw en probeer het nog eens.'
		});
		expect(errorsOf(session([item('13:30', '14:00', 'A', { id: STORED_ITEM }), item('14:00', '14:30', 'B', { id: STORED_ITEM })]))).toHaveProperty('formulier');
	});

	it(`allows at most ${MAX_AGENDA_ITEMS} items`, () => {
		const many = Array.from({ length: MAX_AGENDA_ITEMS + 1 }, (_, index) => {
			const minutes = 8 * 60 + index * 5;
			const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
			return item(time(minutes), time(minutes + 5), `Blok ${index + 1}`);
		});
		expect(errorsOf(session(many, { startTime: '08:00', endTime: '12:00' }))).toEqual({
			onderdelen: `Een sessie heeft hoogstens ${MAX_AGENDA_ITEMS} onderdelen; dit zijn er ${MAX_AGENDA_ITEMS + 1}. Haal er een paar weg of voeg ze samen.`
		});
		expect(accepted(session(many.slice(0, MAX_AGENDA_ITEMS), { startTime: '08:00', endTime: '12:00' })).items).toHaveLength(MAX_AGENDA_ITEMS);
	});

	describe('on a day the clocks change', () => {
		// Sunday 28 March 2027: at 02:00 winter time the clock jumps to 03:00 summer time.
		it('refuses a time that does not exist that night', () => {
			const errors = errorsOf(session([item('02:30', '03:30', 'Nachtsessie')], { date: '2027-03-28', startTime: '01:00', endTime: '05:00' }));
			expect(errors).toEqual({
				[itemFieldName(1, 'startTime')]: '02:30 bestaat niet op 28 maart 2027: die nacht gaat de klok van 02:00 naar 03:00. Kies een ander tijdstip.'
			});
		});

		it('counts real time across the jump in spring', () => {
			const result = accepted(session([item('01:30', '03:30', 'Over de sprong')], { date: '2027-03-28', startTime: '01:00', endTime: '05:00' }));
			const [only] = result.items;
			expect([only?.startsAt.toISOString(), only?.endsAt.toISOString()]).toEqual(['2027-03-28T00:30:00.000Z', '2027-03-28T01:30:00.000Z']);
		});

		// Sunday 31 October 2027: 02:00–03:00 happens twice; a time in it is read as the first.
		it('reads the hour that happens twice in autumn as the first, and keeps order and overlap on real time', () => {
			const result = accepted(
				session([item('01:30', '02:30', 'Voor'), item('02:30', '03:00', 'Tijdens'), item('03:00', '04:00', 'Na')], {
					date: '2027-10-31',
					startTime: '01:00',
					endTime: '04:00'
				})
			);
			expect(result.items.map((entry) => [entry.startsAt.toISOString(), entry.endsAt.toISOString()])).toEqual([
				['2027-10-30T23:30:00.000Z', '2027-10-31T00:30:00.000Z'],
				['2027-10-31T00:30:00.000Z', '2027-10-31T02:00:00.000Z'],
				['2027-10-31T02:00:00.000Z', '2027-10-31T03:00:00.000Z']
			]);
		});
	});
});

describe('readSessionForm', () => {
	it('reads rows in the order of their numbers, with checkboxes as present or not', () => {
		const form = new FormData();
		form.set(sessionField.title, 'Sessie');
		form.set(sessionField.venueLater, 'ja');
		form.set(itemFieldName(10, 'title'), 'Tiende');
		form.set(itemFieldName(2, 'title'), 'Tweede');
		form.set(itemFieldName(2, 'silentWriting'), 'ja');
		form.set(itemFieldName(2, 'kind'), 'breakout');
		form.set('onderdeel-x-titel', 'genegeerd');
		const values = readSessionForm(form);
		expect(values.venueLater).toBe(true);
		expect(values.items.map((row) => [row.title, row.silentWriting, row.kind])).toEqual([
			['Tweede', true, 'breakout'],
			['Tiende', false, '']
		]);
	});
});

describe('stored sessions as form values', () => {
	const stored = {
		title: 'Ontwerpsessie 1',
		startsAt: new Date('2019-09-26T11:30:00Z'),
		endsAt: new Date('2019-09-26T15:00:00Z'),
		venueName: null,
		venueAddress: null,
		venueCity: null,
		items: [
			{
				id: STORED_ITEM,
				startsAt: new Date('2019-09-26T11:30:00Z'),
				endsAt: new Date('2019-09-26T11:45:00Z'),
				title: 'Welkom',
				kind: 'plenary' as const,
				silentWriting: false,
				templateId: TEMPLATE,
				themeId: 'theme-of-2019'
			}
		]
	};

	it('shows Amsterdam wall-clock times and a venue that follows', () => {
		const values = sessionFormValues(stored);
		expect([values.date, values.startTime, values.endTime, values.venueLater]).toEqual(['2019-09-26', '13:30', '17:00', true]);
		expect(values.items[0]).toMatchObject({ id: STORED_ITEM, startTime: '13:30', endTime: '13:45', templateId: TEMPLATE });
	});

	it('copies without ids or date, and maps themes by their position', () => {
		const copy = copiedSessionValues({ ...stored, themePositions: new Map([['theme-of-2019', 2]]) }, [
			{ id: 'theme-1-here', position: 1 },
			{ id: 'theme-2-here', position: 2 }
		]);
		expect(copy.date).toBe('');
		expect(copy.items[0]).toMatchObject({ id: '', themeId: 'theme-2-here', templateId: TEMPLATE, title: 'Welkom' });
	});
});
