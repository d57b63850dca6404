import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCheckIn } from '../../src/lib/server/registrations/lifecycle';
import {
	exportFilename,
	exportRegistrationsCsv,
	formatCsvDateTime,
	neutraliseFormula
} from '../../src/lib/server/registrations/export-csv';
import { readRegistrationFilter, type RegistrationFilter } from '../../src/lib/server/registrations/queries';
import { signUp } from '../../src/lib/server/registrations/sign-up';
import { createEvent, ORIGIN, signUpInput } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

let db: TestDatabase;
let event: { id: string; slug: string };
let sessionIds: string[];
const ids: Record<'tricky' | 'formula' | 'waiting', string> = { tricky: '', formula: '', waiting: '' };

const TRICKY_NAME = 'Jansen; "de Vries"\njunior';
const CHECKED_IN_AT = new Date('2027-03-04T12:31:00Z');
const ORGANIZER = 'organisator@ontwerpsessies.test';

const filter = (query = ''): RegistrationFilter => readRegistrationFilter(new URLSearchParams(query));

/** The CSV as rows of cells, the way Excel (or anyone) reads it back. */
function rowsOf(csv: string): string[][] {
	return parse(csv, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
}

function column(rows: string[][], header: string): string[] {
	const index = rows[0]?.indexOf(header) ?? -1;
	if (index < 0) throw new Error(`no column ${header}`);
	return rows.slice(1).map((row) => row[index] ?? '');
}

beforeAll(async () => {
	db = await createMigratedDatabase();
	const created = await createEvent(db.sql, { capacity: 2 });
	sessionIds = created.sessionIds;
	const [row] = await db.sql<{ slug: string }[]>`select slug from public.events where id = ${created.eventId}`;
	event = { id: created.eventId, slug: row?.slug ?? '' };

	// Names come from the sign-up form, which trims them; a name with a newline can only come
	// from elsewhere (an import, a future API), and the export must survive it anyway.
	const tricky = await signUp(
		db.sql,
		event.id,
		signUpInput({ name: TRICKY_NAME, email: 'jansen@utrecht.example', sessionIds }, { organisation: { kind: 'listed', code: 'GM0344' } }),
		{ origin: ORIGIN }
	);
	const formula = await signUp(
		db.sql,
		event.id,
		signUpInput(
			{
				name: '=HYPERLINK("http://aanval.example","klik")',
				email: 'formule@overheid.example',
				jobTitle: '-Adviseur',
				phone: '+31 6 12345678',
				sessionIds: [sessionIds[1]!]
			},
			{ organisation: { kind: 'other', name: '@Samenwerkingsverband' } }
		),
		{ origin: ORIGIN }
	);
	const waiting = await signUp(
		db.sql,
		event.id,
		signUpInput({ name: 'Wachtende Provincie', email: 'wacht@utrecht-provincie.example', sessionIds }, { organisation: { kind: 'listed', code: 'PV26' } }),
		{ origin: ORIGIN }
	);
	ids.tricky = tricky.participants[0]!.id;
	ids.formula = formula.participants[0]!.id;
	ids.waiting = waiting.participants[0]!.id;
	expect(waiting.participants[0]?.status).toBe('waitlisted');
	await setCheckIn(db.sql, ids.tricky, sessionIds[0]!, true, { actor: 'balie@ontwerpsessies.test', origin: ORIGIN, now: CHECKED_IN_AT });
});
afterAll(() => db.drop());

describe('the CSV for Excel with Dutch settings', () => {
	it('is UTF-8 with a byte-order mark, separated by semicolons, with CRLF line ends', async () => {
		const { csv } = await exportRegistrationsCsv(db.sql, event, filter(), ORGANIZER);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(csv.endsWith('\r\n')).toBe(true);
		// Outside quoted fields every line break is CRLF; the one bare \n belongs to the quoted name.
		const outsideQuotes = csv.replace(/"[^"]*"/g, '');
		expect(outsideQuotes).not.toMatch(/(?<!\r)\n/);
		expect(outsideQuotes.split('\r\n')[0]?.split(';')[0]).toBe('\ufeffNaam');
	});

	it('has Dutch column headers, with an "aangemeld" and "ingecheckt" column per session', async () => {
		const rows = rowsOf((await exportRegistrationsCsv(db.sql, event, filter(), ORGANIZER)).csv);
		expect(rows[0]).toEqual([
			'Naam',
			'E-mailadres',
			'Telefoon',
			'Functie',
			'Organisatie',
			'Soort organisatie',
			'CBS-code',
			'Status',
			'Plaats op wachtlijst',
			'Sessie 1',
			'Ingecheckt Sessie 1',
			'Sessie 2',
			'Ingecheckt Sessie 2',
			'Eigen regeling innovatiesubsidies',
			'Dieet- of toegankelijkheidswensen',
			'Op deelnemerslijst',
			'Factuur: organisatie',
			'Factuur: afdeling',
			'Factuur: adres',
			'Factuur: postcode',
			'Factuur: plaats',
			'Factuur: e-mailadres',
			'Inkoopordernummer',
			'Referentie',
			'Kostenplaats',
			'Aangemeld op',
			'Status gewijzigd op'
		]);
		expect(rows).toHaveLength(4);
		expect(rows.every((row) => row.length === rows[0]?.length)).toBe(true);
	});

	it('round-trips a name with a semicolon, quotes and a newline', async () => {
		const rows = rowsOf((await exportRegistrationsCsv(db.sql, event, filter(), ORGANIZER)).csv);
		expect(column(rows, 'Naam')[0]).toBe(TRICKY_NAME);
		expect(column(rows, 'Organisatie')[0]).toBe('Gemeente Utrecht');
		expect(column(rows, 'CBS-code')[0]).toBe('GM0344');
	});

	it('neutralises cells a spreadsheet would run as a formula', async () => {
		const rows = rowsOf((await exportRegistrationsCsv(db.sql, event, filter(), ORGANIZER)).csv);
		expect(column(rows, 'Naam')[1]).toBe(`'=HYPERLINK("http://aanval.example","klik")`);
		expect(column(rows, 'Functie')[1]).toBe(`'-Adviseur`);
		expect(column(rows, 'Telefoon')[1]).toBe(`'+31 6 12345678`);
		expect(column(rows, 'Organisatie')[1]).toBe(`'@Samenwerkingsverband`);
		expect(column(rows, 'Soort organisatie')[1]).toBe('Andere overheidsorganisatie');
		for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(value)).toBe(`'${value}`);
		for (const value of ['Jan', '1-2', ' =x', '']) expect(neutraliseFormula(value)).toBe(value);
	});

	it('writes statuses, sessions, check-in and sign-up times in Dutch, Amsterdam time', async () => {
		const rows = rowsOf((await exportRegistrationsCsv(db.sql, event, filter(), ORGANIZER)).csv);
		expect(column(rows, 'Status')).toEqual(['Bevestigd', 'Bevestigd', 'Wachtlijst']);
		expect(column(rows, 'Plaats op wachtlijst')).toEqual(['', '', '1']);
		expect(column(rows, 'Sessie 1')).toEqual(['ja', 'nee', 'ja']);
		expect(column(rows, 'Ingecheckt Sessie 1')).toEqual(['04-03-2027 13:31', '', '']);
		const [created] = await db.sql<{ created_at: Date }[]>`select created_at from public.registrations where id = ${ids.tricky}`;
		expect(column(rows, 'Aangemeld op')[0]).toBe(formatCsvDateTime(created!.created_at));
		expect(column(rows, 'Aangemeld op')[0]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
		expect(formatCsvDateTime(new Date('2019-09-26T11:30:00Z'))).toBe('26-09-2019 13:30');
		expect(formatCsvDateTime(new Date('2019-12-31T23:05:00Z'))).toBe('01-01-2020 00:05');
	});

	it('exports only what the desk shows with the same filters, in the same order', async () => {
		const names = async (query: string) =>
			column(rowsOf((await exportRegistrationsCsv(db.sql, event, filter(query), ORGANIZER)).csv), 'Naam');
		expect(await names('status=waitlisted')).toEqual(['Wachtende Provincie']);
		expect(await names('soort=provincie')).toEqual(['Wachtende Provincie']);
		expect(await names('soort=anders')).toEqual([`'=HYPERLINK("http://aanval.example","klik")`]);
		expect(await names('q=jansen')).toEqual([TRICKY_NAME]);
		expect(await names(`sessie=${sessionIds[1]}`)).toHaveLength(3);
		expect(await names(`sessie=${sessionIds[0]}`)).toEqual([TRICKY_NAME, 'Wachtende Provincie']);
		expect(await names('sorteer=naam&richting=af')).toEqual(['Wachtende Provincie', TRICKY_NAME, `'=HYPERLINK("http://aanval.example","klik")`]);
		const empty = rowsOf((await exportRegistrationsCsv(db.sql, event, filter('q=niemand-heet-zo'), ORGANIZER)).csv);
		expect(empty).toHaveLength(1);
	});

	it('writes an audit line with who exported how many rows, without the search text', async () => {
		const { count } = await exportRegistrationsCsv(db.sql, event, filter('q=jansen&status=confirmed'), ORGANIZER);
		expect(count).toBe(1);
		const [line] = await db.sql<{ actor: string; details: { count: number; filter: Record<string, string> } }[]>`
			select actor, details from public.audit_log
			where event_id = ${event.id} and action = 'registrations.exported'
			order by id desc limit 1
		`;
		expect(line?.actor).toBe(ORGANIZER);
		expect(line?.details.count).toBe(1);
		expect(line?.details.filter).toMatchObject({ status: 'confirmed', q: '(zoekterm)' });
		expect(JSON.stringify(line?.details)).not.toContain('jansen');
	});

	it('names the file after the event and the day in Amsterdam', () => {
		expect(exportFilename('ontwerpsessies-2019', new Date('2026-01-01T23:30:00Z'))).toBe('aanmeldingen-ontwerpsessies-2019-2026-01-02.csv');
		expect(exportFilename('x', new Date('2026-07-01T10:00:00Z'))).toBe('aanmeldingen-x-2026-07-01.csv');
	});
});
