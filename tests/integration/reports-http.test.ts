import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffSession } from '../../src/lib/server/auth/staff-sessions';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { saveTakeaway } from '../../src/lib/server/live/participant-actions';
import { joinWithRegistration } from '../../src/lib/server/live/participants';
import { startApp, type RunningApp } from './support/app-process';
import { httpClient } from './support/http-client';
import { silentLog } from './support/silent-log';
import { DEMO_EVENT_ID, DEMO_SESSION_IDS } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

/**
 * Reports over HTTP against the built app, the way a browser without JavaScript (or someone
 * typing addresses) reaches them: organizers only for editing and publishing, bad input a 400 in
 * Dutch with nothing written, unknown or unpublished things a Dutch 404, a private publication a
 * 403 that says how participants get in — never a 500.
 */
const EDITOR = '/beheer/ontwerpsessies-2019/verslagen/1';

let db: TestDatabase;
let app: RunningApp;
let organizer: string;
let facilitator: string;
let client: ReturnType<typeof httpClient>;

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
	app = await startApp({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '4' });
	client = httpClient(app.baseUrl);
	organizer = `os_staff=${(await createStaffSession(db.sql, 'organisator@ontwerpsessies.test')).token}`;
	facilitator = `os_staff=${(await createStaffSession(db.sql, 'facilitator@ontwerpsessies.test')).token}`;
}, 90_000);

afterAll(async () => {
	app?.child.kill('SIGTERM');
	await app?.exited;
	await db?.drop();
});

const storedReports = () => db.sql`select session_id, edits, published from public.session_reports order by session_id`;

describe('the report editor over HTTP', () => {
	it('is for organizers: a visitor is sent to sign in, a facilitator refused, in Dutch', async () => {
		const anonymous = await client.get(EDITOR);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/beheer/inloggen?terug=');
		const asFacilitator = await client.get(EDITOR, facilitator);
		expect(asFacilitator.status).toBe(403);
		expect(asFacilitator.text).toContain('Alleen organisatoren mogen dit doen.');
		const csrf = await client.csrfOf('/beheer', facilitator);
		const publish = await client.post(`${EDITOR}?/publiceren`, { csrf }, facilitator);
		expect(publish.status).toBe(403);
		expect(await storedReports()).toEqual([]);
	});

	it('answers unknown sessions and files with a Dutch 404', async () => {
		for (const path of [
			'/beheer/ontwerpsessies-2019/verslagen/9',
			'/beheer/ontwerpsessies-2019/verslagen/abc',
			'/beheer/bestaat-niet/verslagen/1',
			`${EDITOR}/voorbeeld/canvas/thema-1.gif`,
			`${EDITOR}/voorbeeld/canvas/..%2F..%2Fetc%2Fpasswd`,
			`${EDITOR}/voorbeeld/canvas/thema-1.svg`
		]) {
			const response = await client.get(path, organizer);
			expect(response.status, path).toBe(404);
			expect(response.text, path).toMatch(/bestaat niet|geen canvas/);
		}
	});

	it('refuses what is too long, field by field, keeps what was typed and stores nothing', async () => {
		const csrf = await client.csrfOf(EDITOR, organizer);
		const [theme] = await db.sql<{ id: string }[]>`select id from public.themes where event_id = ${DEMO_EVENT_ID} and position = 1`;
		const fields = new URLSearchParams({ csrf, inleiding: 'x'.repeat(4001), [`vragen-${theme!.id}`]: Array.from({ length: 11 }, (_, i) => `Vraag ${i}`).join('\n') });
		const response = await client.post(`${EDITOR}?/publiceren`, fields, organizer);
		expect(response.status).toBe(400);
		expect(response.text).toContain('De inleiding is te lang: maximaal 4000 tekens (nu 4001).');
		expect(response.text).toContain('Hoogstens 10 ontwerpvragen, één per regel (nu 11).');
		expect(response.text).toContain('Vraag 10');
		expect(await storedReports()).toEqual([]);
		const [mails] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.outbox where kind = 'report-published'`;
		expect(mails!.n).toBe(0);
	});

	it('refuses a form without its token or from another site', async () => {
		const forged = await client.post(`${EDITOR}?/opslaan`, { csrf: 'vervalst', inleiding: 'Hallo' }, organizer);
		expect(forged.status).toBe(403);
		const response = await fetch(app.baseUrl + `${EDITOR}?/opslaan`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: 'https://elders.example', accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: organizer },
			body: new URLSearchParams({ csrf: await client.csrfOf(EDITOR, organizer), inleiding: 'Hallo' })
		});
		expect(response.status).toBe(403);
		expect(await storedReports()).toEqual([]);
	});

	it('saves, publishes with mails to the session’s participants, and shows it published', async () => {
		const csrf = await client.csrfOf(EDITOR, organizer);
		const saved = await client.post(`${EDITOR}?/opslaan`, { csrf, inleiding: 'Een middag in Zandvoort.' }, organizer);
		expect(saved.status).toBe(200);
		const published = await client.post(`${EDITOR}?/publiceren`, { csrf, inleiding: 'Een middag in Zandvoort.' }, organizer);
		expect(published.status).toBe(200);
		const [counted] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from public.registrations r join public.registration_sessions rs on rs.registration_id = r.id
			where rs.session_id = ${DEMO_SESSION_IDS[0]!} and r.status = 'confirmed' and r.anonymised_at is null
		`;
		const participants = counted!.n;
		expect(participants).toBeGreaterThan(0);
		expect(published.text).toContain(`Het verslag is gepubliceerd. ${participants} deelnemers krijgen een e-mail met de link.`);
		const [mails] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.outbox where kind = 'report-published'`;
		expect(mails!.n).toBe(participants);
	});
});

describe('the publication over HTTP', () => {
	it('is private by default: a stranger gets a 403 that says how participants get in, for pages and files alike', async () => {
		for (const path of [
			'/publicatie/ontwerpsessies-2019',
			'/publicatie/ontwerpsessies-2019/1',
			'/publicatie/ontwerpsessies-2019/1/pdf',
			'/publicatie/ontwerpsessies-2019/pdf',
			'/publicatie/ontwerpsessies-2019/1/canvas/thema-1.svg',
			'/publicatie/ontwerpsessies-2019/1/canvas/thema-1.png'
		]) {
			const response = await client.get(path);
			expect(response.status, path).toBe(403);
			expect(response.text, path).toContain('alleen voor deelnemers');
		}
	});

	it('opens to a participant through the personal link, and not through someone else’s or a forged one', async () => {
		const [anouk] = await db.sql<{ access_token: string }[]>`select access_token from public.registrations where email = 'anouk.devries@example.nl'`;
		const through = await client.get(`/aanmelding/${anouk!.access_token}/verslag/1`);
		expect(through.status).toBe(303);
		expect(through.headers.get('location')).toBe('/publicatie/ontwerpsessies-2019/1');
		const cookie = through.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/os_lezer=.*Path=\/publicatie\/ontwerpsessies-2019;.*HttpOnly/i);
		const reader = cookie.split(';')[0]!;
		// Not the personal link's secret itself: that opens the participant's own page.
		expect(reader).not.toContain(anouk!.access_token);
		const report = await client.get('/publicatie/ontwerpsessies-2019/1', reader);
		expect(report.status).toBe(200);
		expect(report.text).toContain('Een middag in Zandvoort.');
		const pdf = await fetch(`${app.baseUrl}/publicatie/ontwerpsessies-2019/1/pdf`, { headers: { cookie: reader } });
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('cache-control')).toBe('private, no-store');

		const forged = await client.get(`/aanmelding/${'A'.repeat(43)}/verslag/1`);
		expect(forged.status).toBe(404);
		expect((await client.get('/publicatie/ontwerpsessies-2019/1', `os_lezer=${'f'.repeat(64)}`)).status).toBe(403);
		expect((await client.get(`/aanmelding/${anouk!.access_token}/verslag/abc`)).status).toBe(404);
		// The mail's link names the session by id, which renumbering the agenda does not change.
		const byId = await client.get(`/aanmelding/${anouk!.access_token}/verslag/${DEMO_SESSION_IDS[0]}`);
		expect(byId.headers.get('location')).toBe('/publicatie/ontwerpsessies-2019/1');
		expect((await client.get(`/aanmelding/${anouk!.access_token}/verslag/00000000-0000-4000-8000-000000000999`)).status).toBe(404);
	});

	it('lets a participant stop sharing their take-away from their personal page, also out of the published report', async () => {
		const [sem] = await db.sql<{ id: string; access_token: string }[]>`select id, access_token from public.registrations where email = 'sem.jansen@example.nl'`;
		const joined = await joinWithRegistration(db.sql, DEMO_SESSION_IDS[0]!, sem!.access_token);
		await saveTakeaway(db.sql, DEMO_SESSION_IDS[0]!, joined.participantId, 'Samen met de raad optrekken', true);
		// Published again by the organizer, now with Sem's take-away in it.
		const csrf = await client.csrfOf(EDITOR, organizer);
		await client.post(`${EDITOR}?/publiceren`, { csrf, inleiding: 'Een middag in Zandvoort.' }, organizer);
		const published = () => db.sql<{ published: { takeaways: { text: string }[] } }[]>`
			select published from public.session_reports where session_id = ${DEMO_SESSION_IDS[0]!}
		`;
		expect((await published())[0]!.published.takeaways.map((takeaway) => takeaway.text)).toContain('Samen met de raad optrekken');

		const page = await client.get(`/aanmelding/${sem!.access_token}`);
		expect(page.text).toContain('Samen met de raad optrekken');
		const visitor = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
		const pageCsrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
		const refused = await client.post(`/aanmelding/${sem!.access_token}?/niet-meer-delen`, { csrf: pageCsrf, sessie: 'geen-sessie' }, visitor);
		expect(refused.status).toBe(400);
		expect(refused.text).toContain('Kies een sessie.');
		const stopped = await client.post(`/aanmelding/${sem!.access_token}?/niet-meer-delen`, { csrf: pageCsrf, sessie: DEMO_SESSION_IDS[0]! }, visitor);
		expect(stopped.status).toBe(200);
		expect(stopped.text).toContain('Je punt staat niet meer op de muur en niet meer in het verslag.');
		expect((await published())[0]!.published.takeaways.map((takeaway) => takeaway.text)).not.toContain('Samen met de raad optrekken');
	});

	it('says in Dutch when a session’s report is not published, or the event does not exist', async () => {
		const notYet = await client.get('/publicatie/ontwerpsessies-2019/2', organizer);
		expect(notYet.status).toBe(404);
		expect(notYet.text).toContain('Het verslag van deze sessie is (nog) niet gepubliceerd.');
		for (const path of ['/publicatie/bestaat-niet', '/publicatie/NIET_GELDIG!', '/publicatie/ontwerpsessies-2019/0', '/publicatie/ontwerpsessies-2019/1/canvas/thema-99.png']) {
			const response = await client.get(path, organizer);
			expect(response.status, path).toBe(404);
		}
	});

	it('is open to anyone once the organizer makes it public, and the programme page links to it', async () => {
		const csrf = await client.csrfOf('/beheer/ontwerpsessies-2019/verslagen', organizer);
		const refused = await client.post('/beheer/ontwerpsessies-2019/verslagen?/zichtbaarheid', { csrf, zichtbaarheid: 'iedereen!' }, organizer);
		expect(refused.status).toBe(400);
		expect(refused.text).toContain('Kies wie de publicatie mag lezen.');
		const [before] = await db.sql<{ publication_visibility: string }[]>`select publication_visibility from public.events where id = ${DEMO_EVENT_ID}`;
		expect(before!.publication_visibility).toBe('private');

		await client.post('/beheer/ontwerpsessies-2019/verslagen?/zichtbaarheid', { csrf, zichtbaarheid: 'public' }, organizer);
		const open = await client.get('/publicatie/ontwerpsessies-2019/1');
		expect(open.status).toBe(200);
		expect(open.headers.get('cache-control')).toBe('public, max-age=60');
		const programme = await client.get('/programma/ontwerpsessies-2019');
		expect(programme.text).toContain('href="/publicatie/ontwerpsessies-2019"');
	});
});
