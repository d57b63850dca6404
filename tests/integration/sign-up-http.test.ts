import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { startApp, type RunningApp } from './support/app-process';
import { silentLog } from './support/silent-log';
import { DEMO_EVENT_ID, DEMO_SESSION_IDS } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

/**
 * Bad input at the real boundary: the built app (`node server.js`) on a test database, spoken to
 * over HTTP the way a browser without JavaScript — or a script — would. Every refusal must be a
 * 4xx with a Dutch message, and must leave no row behind.
 */
const FORM = '/programma/ontwerpsessies-2019/aanmelden';

let db: TestDatabase;
let app: RunningApp;

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
	app = await startApp({ DATABASE_URL: db.url, SIGN_UP_RATE_LIMIT: '1000', DATABASE_POOL_SIZE: '4' });
}, 90_000);

afterAll(async () => {
	app?.child.kill('SIGTERM');
	await app?.exited;
	await db?.drop();
});

/** A visitor who opened the form: their cookie and the form's CSRF token. */
async function openForm(baseUrl = app.baseUrl): Promise<{ cookie: string; csrf: string }> {
	const response = await fetch(baseUrl + FORM);
	const html = await response.text();
	const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
	const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
	if (!csrf) throw new Error('no CSRF token on the form');
	return { cookie, csrf };
}

function validFields(email: string): Record<string, string | string[]> {
	return {
		aantal: '1',
		'organisatie-soort': 'lijst',
		organisatie: 'Gemeente Zandvoort',
		innovatieregeling: 'ja',
		'deelnemer-0-naam': 'Geldige Deelnemer',
		'deelnemer-0-email': email,
		'deelnemer-0-functie': 'Beleidsadviseur',
		'deelnemer-0-sessie': DEMO_SESSION_IDS,
		'factuur-naam': 'Gemeente Zandvoort',
		'factuur-adres': 'Postbus 2',
		'factuur-postcode': '2040 AA',
		'factuur-plaats': 'Zandvoort',
		'factuur-email': 'facturen@zandvoort.example',
		privacy: 'ja'
	};
}

async function post(
	path: string,
	fields: Record<string, string | string[]>,
	visitor: { cookie: string; csrf: string } | null,
	origin = app.baseUrl,
	baseUrl = app.baseUrl
) {
	const body = new URLSearchParams();
	if (visitor) body.append('csrf', visitor.csrf);
	for (const [key, value] of Object.entries(fields)) {
		for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
	}
	const response = await fetch(baseUrl + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(visitor ? { cookie: visitor.cookie } : {}) },
		body
	});
	return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

async function rowCounts() {
	const [row] = await db.sql<{ registrations: number; sessions: number; mails: number; audit: number }[]>`
		select (select count(*)::int from public.registrations where event_id = ${DEMO_EVENT_ID}) as registrations,
			(select count(*)::int from public.registration_sessions) as sessions,
			(select count(*)::int from public.outbox) as mails,
			(select count(*)::int from public.audit_log) as audit
	`;
	return row;
}

describe('the sign-up form over HTTP', () => {
	it('refuses each kind of bad input with a 4xx and a Dutch message, leaving no rows', async () => {
		const visitor = await openForm();
		const before = await rowCounts();
		const long = 'x'.repeat(100_000);
		const cases: { what: string; fields: Record<string, string | string[]>; status: number; message: string }[] = [
			{ what: 'nothing filled in', fields: { aantal: '1' }, status: 400, message: 'Vul de naam in.' },
			{ what: 'a malformed e-mail', fields: { ...validFields('geen-adres'), 'deelnemer-0-email': 'geen-adres' }, status: 400, message: 'geldig e-mailadres' },
			{ what: 'a malformed postcode', fields: { ...validFields('p@x.example'), 'factuur-postcode': '123 AB' }, status: 400, message: 'Nederlandse postcode' },
			{ what: 'a 100 kB name', fields: { ...validFields('l@x.example'), 'deelnemer-0-naam': long }, status: 400, message: 'hoogstens 200 tekens' },
			{ what: 'a script in the name', fields: { ...validFields('s@x.example'), 'deelnemer-0-naam': '<script>alert(1)</script>' }, status: 400, message: 'Gebruik geen &lt; of > in de naam' },
			{ what: 'an unknown organisation code', fields: { ...validFields('o@x.example'), organisatie: 'GM9999' }, status: 400, message: 'staat niet in de lijst' },
			{ what: 'an organisation that is not in the list', fields: { ...validFields('n@x.example'), organisatie: 'Gemeente Atlantis' }, status: 400, message: 'Kies een gemeente of provincie uit de lijst' },
			{ what: 'a session of no event', fields: { ...validFields('q@x.example'), 'deelnemer-0-sessie': '99999999-0000-4000-8000-000000000000' }, status: 400, message: 'Kies uit de sessies van dit evenement' },
			{ what: 'no privacy consent', fields: { ...validFields('c@x.example'), privacy: '' }, status: 400, message: 'privacyverklaring' }
		];
		for (const testCase of cases) {
			const response = await post(`${FORM}?/aanmelden`, testCase.fields, visitor);
			expect({ what: testCase.what, status: response.status }).toEqual({ what: testCase.what, status: testCase.status });
			expect(response.text, testCase.what).toContain(testCase.message);
			// What was typed comes back escaped, never as markup; and never a stack trace.
			expect(response.text, testCase.what).not.toContain('<script>alert(1)');
			expect(response.text, testCase.what).not.toMatch(/\bat \S+\.js:\d+:\d+|TypeError|ReferenceError/);
		}
		expect(await rowCounts()).toEqual(before);
	});

	it('refuses a missing, forged or someone else’s form token, and a post from another site', async () => {
		const visitor = await openForm();
		const other = await openForm();
		const before = await rowCounts();
		const fields = validFields('csrf@x.example');

		const missing = await post(`${FORM}?/aanmelden`, fields, { cookie: visitor.cookie, csrf: '' });
		const forged = await post(`${FORM}?/aanmelden`, fields, { cookie: visitor.cookie, csrf: `${Date.now()}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
		const replayed = await post(`${FORM}?/aanmelden`, fields, { cookie: visitor.cookie, csrf: other.csrf });
		for (const response of [missing, forged, replayed]) {
			expect(response.status).toBe(403);
			expect(response.text).toContain('Dit formulier is verlopen of komt niet van deze website');
		}
		const crossSite = await post(`${FORM}?/aanmelden`, fields, visitor, 'https://kwaadwillend.example');
		expect(crossSite.status).toBe(403);
		expect(crossSite.text).toContain('komt niet van deze website');
		expect(await rowCounts()).toEqual(before);
	});

	it('answers a post that is no form with a Dutch 415, not a server error', async () => {
		const response = await fetch(`${app.baseUrl}${FORM}?/aanmelden`, {
			method: 'POST',
			headers: { origin: app.baseUrl, 'content-type': 'application/json' },
			body: JSON.stringify({ naam: 'x' })
		});
		expect(response.status).toBe(415);
		expect(await response.text()).toContain('Dit verzoek is geen formulier');
	});

	it('treats a filled-in spam trap as spam', async () => {
		const visitor = await openForm();
		const before = await rowCounts();
		const response = await post(`${FORM}?/aanmelden`, { ...validFields('bot@x.example'), website: 'https://spam.example' }, visitor);
		expect(response.status).toBe(400);
		expect(response.text).toContain('kon niet worden verwerkt');
		expect(await rowCounts()).toEqual(before);
	});

	it('signs up with valid input, then refuses forged and replaced personal links', async () => {
		const visitor = await openForm();
		const response = await post(`${FORM}?/aanmelden`, validFields('echt@zandvoort.example'), visitor);
		expect(response.status, app.output()).toBe(303);
		const personal = response.location ?? '';
		expect(personal).toMatch(/^\/aanmelding\/[A-Za-z0-9_-]{43}\?aangemeld=1$/);
		const page = await fetch(app.baseUrl + personal);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Geldige Deelnemer');

		for (const forged of ['/aanmelding/' + 'B'.repeat(43), '/aanmelding/te-kort', '/aanmelding/%3Cscript%3E']) {
			const refused = await fetch(app.baseUrl + forged);
			expect({ forged, status: refused.status }).toEqual({ forged, status: 404 });
			expect(await refused.text()).toContain('Deze link is niet (meer) geldig');
		}

		// Hand the place over: the old link stops working, also for posts.
		const token = personal.split('/')[2]?.split('?')[0] ?? '';
		const handedOver = await post(
			`/aanmelding/${token}?/vervanging`,
			{ 'vervanger-naam': 'Nieuwe Collega', 'vervanger-email': 'nieuw@zandvoort.example', 'vervanger-functie': 'Adviseur' },
			visitor
		);
		expect(handedOver.status).toBe(303);
		const replayed = await post(`/aanmelding/${token}?/annuleren`, { bevestig: 'ja' }, visitor);
		expect(replayed.status).toBe(404);
		const [row] = await db.sql`select status, name from public.registrations where lower(email) = 'nieuw@zandvoort.example'`;
		expect(row).toEqual({ status: 'confirmed', name: 'Nieuwe Collega' });
	});

	it('limits staff sign-in code requests per address (SIGN_IN_RATE_LIMIT) and says so in Dutch', async () => {
		const strict = await startApp({ DATABASE_URL: db.url, SIGN_IN_RATE_LIMIT: '2', DATABASE_POOL_SIZE: '2', DATABASE_MIGRATE_ON_START: 'false' });
		try {
			const page = await fetch(strict.baseUrl + '/beheer/inloggen');
			const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
			const cookie = page.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
			const statuses: number[] = [];
			let last = '';
			for (let attempt = 0; attempt < 3; attempt++) {
				const response = await fetch(strict.baseUrl + '/beheer/inloggen?/aanvragen', {
					method: 'POST',
					redirect: 'manual',
					headers: { origin: strict.baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
					body: new URLSearchParams({ csrf, email: `iemand${attempt}@ontwerpsessies.test` })
				});
				statuses.push(response.status);
				last = await response.text();
			}
			expect(statuses).toEqual([200, 200, 429]);
			expect(last).toContain('Er zijn te veel pogingen gedaan om in te loggen.');
		} finally {
			strict.child.kill('SIGTERM');
			await strict.exited;
		}
	});

	it('limits sign-ups per address and says so in Dutch', async () => {
		const strict = await startApp({ DATABASE_URL: db.url, SIGN_UP_RATE_LIMIT: '3', DATABASE_POOL_SIZE: '2', DATABASE_MIGRATE_ON_START: 'false' });
		try {
			const statuses: number[] = [];
			let last = '';
			for (let attempt = 0; attempt < 4; attempt++) {
				const visitor = await openForm(strict.baseUrl);
				const response = await post(`${FORM}?/aanmelden`, { aantal: '1' }, visitor, strict.baseUrl, strict.baseUrl);
				statuses.push(response.status);
				last = response.text;
			}
			expect(statuses).toEqual([400, 400, 400, 429]);
			expect(last).toContain('te veel aanmeldingen kort na elkaar');
		} finally {
			strict.child.kill('SIGTERM');
			await strict.exited;
		}
	});
});
