import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffSession } from '../../src/lib/server/auth/staff-sessions';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { startApp, type RunningApp } from './support/app-process';
import { httpClient } from './support/http-client';
import { silentLog } from './support/silent-log';
import { createEvent, DEMO_SESSION_IDS } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

/**
 * The agenda editor and the design techniques over HTTP against the built app (`npm test` builds
 * first), the way a browser without JavaScript posts: organizers only, bad input a 400 with the
 * form shown again with what was typed and the messages, and nothing written.
 */
const DEMO = '/beheer/ontwerpsessies-2019/agenda';

let db: TestDatabase;
let app: RunningApp;
let organizer: string;
let facilitator: string;
let get: ReturnType<typeof httpClient>['get'];
let csrfOf: ReturnType<typeof httpClient>['csrfOf'];
let post: ReturnType<typeof httpClient>['post'];

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
	app = await startApp({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '4' });
	({ get, csrfOf, post } = httpClient(app.baseUrl));
	organizer = `os_staff=${(await createStaffSession(db.sql, 'organisator@ontwerpsessies.test')).token}`;
	facilitator = `os_staff=${(await createStaffSession(db.sql, 'facilitator@ontwerpsessies.test')).token}`;
}, 90_000);

afterAll(async () => {
	app?.child.kill('SIGTERM');
	await app?.exited;
	await db?.drop();
});

/** The agenda rows of a session, to compare before and after a refused post. */
async function agendaOf(sessionId: string) {
	return db.sql`select id, position, title, starts_at, ends_at from public.agenda_items where session_id = ${sessionId} order by position`;
}

/** A session form as the page posts it: the session's fields and numbered rows. */
function sessionForm(csrf: string, items: { id?: string; begin: string; eind: string; titel: string; soort?: string }[], session: Record<string, string> = {}) {
	const fields = new URLSearchParams({
		csrf,
		titel: 'Ontwerpsessie 1',
		datum: '2019-09-26',
		begintijd: '13:30',
		eindtijd: '17:00',
		'locatie-naam': 'Plastic Soep Pop-up atelier',
		'locatie-adres': 'Passage 20',
		'locatie-plaats': 'Zandvoort',
		...session
	});
	items.forEach((item, index) => {
		const number = index + 1;
		fields.set(`onderdeel-${number}-id`, item.id ?? '');
		fields.set(`onderdeel-${number}-begin`, item.begin);
		fields.set(`onderdeel-${number}-eind`, item.eind);
		fields.set(`onderdeel-${number}-titel`, item.titel);
		fields.set(`onderdeel-${number}-soort`, item.soort ?? 'plenary');
		fields.set(`onderdeel-${number}-werkvorm`, '');
		fields.set(`onderdeel-${number}-thema`, '');
	});
	return fields;
}

describe('the agenda editor over HTTP', () => {
	it('is for organizers: facilitators get a 403, visitors the sign-in page', async () => {
		const session = `${DEMO}/${DEMO_SESSION_IDS[0]}`;
		for (const path of [DEMO, `${DEMO}/nieuw`, session, '/beheer/sjablonen']) {
			expect((await get(path, facilitator)).status, path).toBe(403);
			expect((await get(path)).status, path).toBe(303);
		}
		const csrf = await csrfOf('/beheer', facilitator);
		const before = await agendaOf(DEMO_SESSION_IDS[0] as string);
		expect((await post(`${session}?/opslaan`, sessionForm(csrf, []), facilitator)).status).toBe(403);
		expect((await post(`${session}?/verwijderen`, { csrf }, facilitator)).status).toBe(403);
		expect(await agendaOf(DEMO_SESSION_IDS[0] as string)).toEqual(before);
	});

	it('shows the sessions with their agendas to an organizer', async () => {
		const page = await get(DEMO, organizer);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Ontwerpsessie 2');
		expect(page.text).toContain('Welkom en kennismaking');
		expect(page.text).toContain('ZVRT26');
	});

	it('refuses overlapping items with a 400, the form as typed and the message at the field, and writes nothing', async () => {
		const sessionId = DEMO_SESSION_IDS[0] as string;
		const path = `${DEMO}/${sessionId}`;
		const before = await agendaOf(sessionId);
		const csrf = await csrfOf(path, organizer);
		const [first, second] = before;
		const answer = await post(
			`${path}?/opslaan`,
			sessionForm(csrf, [
				{ id: first?.id, begin: '13:30', eind: '14:10', titel: 'Welkom, langer' },
				{ id: second?.id, begin: '14:00', eind: '14:30', titel: 'Presentatie' }
			]),
			organizer
		);
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('Onderdeel 2 (‘Presentatie’) overlapt met onderdeel 1 (‘Welkom, langer’)');
		expect(answer.text).toMatch(/id="veld-onderdeel-2-begin"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="veld-onderdeel-2-begin"/);
		expect(answer.text).toContain('value="Welkom, langer"');
		expect(await agendaOf(sessionId)).toEqual(before);

		// A forged row id (another session's item) is refused too, without a trace.
		const [otherItem] = await agendaOf(DEMO_SESSION_IDS[1] as string);
		const stolen = await post(`${path}?/opslaan`, sessionForm(csrf, [{ id: otherItem?.id, begin: '13:30', eind: '14:00', titel: 'Gestolen' }]), organizer);
		expect(stolen.status).toBe(409);
		expect(await agendaOf(sessionId)).toEqual(before);
		expect(await agendaOf(DEMO_SESSION_IDS[1] as string)).toHaveLength(7);
	});

	it('adds a row without JavaScript and saves nothing until asked', async () => {
		const sessionId = DEMO_SESSION_IDS[1] as string;
		const path = `${DEMO}/${sessionId}`;
		const before = await agendaOf(sessionId);
		const csrf = await csrfOf(path, organizer);
		const answer = await post(`${path}?/onderdeelToevoegen`, sessionForm(csrf, [{ begin: '13:30', eind: '13:40', titel: 'Getypt' }]), organizer);
		expect(answer.status).toBe(200);
		expect(answer.text).toContain('value="Getypt"');
		expect(answer.text).toContain('name="onderdeel-2-begin"');
		// The new row starts where the last one ends.
		expect(answer.text).toMatch(/name="onderdeel-2-begin"[^>]*value="13:40"|value="13:40"[^>]*name="onderdeel-2-begin"/);
		expect(await agendaOf(sessionId)).toEqual(before);
	});

	it('creates a session in a new edition with a join code, and removes it again', async () => {
		const { eventId } = await createEvent(db.sql);
		const [event] = await db.sql<{ slug: string }[]>`select slug from public.events where id = ${eventId}`;
		const base = `/beheer/${event?.slug}/agenda`;
		const csrf = await csrfOf(`${base}/nieuw`, organizer);
		const created = await post(
			`${base}/nieuw?/opslaan`,
			sessionForm(
				csrf,
				[
					{ begin: '13:30', eind: '14:00', titel: 'Welkom' },
					{ begin: '14:00', eind: '15:00', titel: 'Werken in thema’s', soort: 'breakout' }
				],
				{ titel: 'Ontwerpsessie 3', datum: '2027-05-20', 'locatie-volgt': 'ja' }
			),
			organizer
		);
		expect(created.status).toBe(303);
		const sessionId = /\/agenda\/([0-9a-f-]{36})\?aangemaakt$/.exec(created.location ?? '')?.[1];
		expect(sessionId, created.location ?? '').toBeTruthy();
		const [live] = await db.sql`select join_code, status from public.live_sessions where session_id = ${sessionId ?? ''}`;
		expect(live?.join_code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
		expect((await agendaOf(sessionId ?? '')).map((row) => row.title)).toEqual(['Welkom', 'Werken in thema’s']);
		const [venue] = await db.sql`select venue_name, venue_city, position from public.event_sessions where id = ${sessionId ?? ''}`;
		expect(venue).toEqual({ venue_name: null, venue_city: null, position: 3 });

		const confirm = await get(`${base}/${sessionId}?verwijderen`, organizer);
		expect(confirm.text).toContain('Ja, verwijder deze sessie');
		const removed = await post(`${base}/${sessionId}?/verwijderen`, { csrf }, organizer);
		expect(removed.status).toBe(303);
		expect(removed.location).toBe(`${base}?verwijderd`);
		expect(await db.sql`select 1 from public.event_sessions where id = ${sessionId ?? ''}`).toHaveLength(0);
	});

	it('refuses to remove a session people signed up for, in Dutch', async () => {
		const path = `${DEMO}/${DEMO_SESSION_IDS[1]}`;
		const csrf = await csrfOf(path, organizer);
		const refused = await post(`${path}?/verwijderen`, { csrf }, organizer);
		expect(refused.status).toBe(409);
		expect(refused.text).toContain('deelnemers aangemeld');
		expect(await db.sql`select 1 from public.event_sessions where id = ${DEMO_SESSION_IDS[1] as string}`).toHaveLength(1);
	});
});

describe('design techniques over HTTP', () => {
	it('refuses a technique without a name or columns with messages at the fields, and adds a good one', async () => {
		const csrf = await csrfOf('/beheer/sjablonen', organizer);
		const [{ count: before } = { count: 0 }] = await db.sql<{ count: number }[]>`select count(*)::int as count from public.canvas_templates`;
		const bad = await post('/beheer/sjablonen?/toevoegen', { csrf, naam: '', opdracht: 'Wat nu?', kolommen: '', stemmen: '50' }, organizer);
		expect(bad.status).toBe(400);
		expect(bad.text).toContain('Geef de werkvorm een naam');
		expect(bad.text).toContain('Geef minstens één kolom.');
		expect(bad.text).toContain('value="50"');
		const good = await post(
			'/beheer/sjablonen?/toevoegen',
			{ csrf, naam: 'Klantreis', beschrijving: '', opdracht: 'Wat beleeft de inwoner?', kolommen: 'Voor – eerst\nNa – daarna', stemmen: '' },
			organizer
		);
		expect(good.status).toBe(200);
		const [row] = await db.sql`select slug, layout, built_in from public.canvas_templates where name = 'Klantreis'`;
		expect(row).toEqual({
			slug: 'klantreis',
			built_in: false,
			layout: { prompt: 'Wat beleeft de inwoner?', columns: [{ heading: 'Voor', hint: 'eerst' }, { heading: 'Na', hint: 'daarna' }], votesPerPerson: null }
		});
		const [{ count: after } = { count: 0 }] = await db.sql<{ count: number }[]>`select count(*)::int as count from public.canvas_templates`;
		expect(after).toBe(before + 1);
	});

	it('does not delete a built-in technique', async () => {
		const csrf = await csrfOf('/beheer/sjablonen', organizer);
		const [builtIn] = await db.sql<{ id: string }[]>`select id from public.canvas_templates where slug = 'brainwriting'`;
		const refused = await post('/beheer/sjablonen?/verwijderen', { csrf, sjabloon: builtIn?.id ?? '' }, organizer);
		expect(refused.status).toBe(409);
		expect(refused.text).toContain('standaardwerkvorm');
		expect(await db.sql`select 1 from public.canvas_templates where slug = 'brainwriting'`).toHaveLength(1);
	});
});
