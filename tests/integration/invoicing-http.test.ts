import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffSession } from '../../src/lib/server/auth/staff-sessions';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { startApp, type RunningApp } from './support/app-process';
import { silentLog } from './support/silent-log';
import { httpClient } from './support/http-client';
import { DEMO_EVENT_ID } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

/**
 * Bad input to the invoicing pages, over HTTP against the built app: every refusal a 4xx with a
 * Dutch message, and nothing written — no invoice number used, no payment booked, no setting changed.
 */
const EVENT = '/beheer/ontwerpsessies-2019';

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

async function counts() {
	const [row] = await db.sql<{ invoices: number; payments: number; series: number }[]>`
		select (select count(*)::int from public.invoices) as invoices,
			(select count(*)::int from public.invoice_payments) as payments,
			coalesce((select sum(next_number)::int from public.invoice_series), 0) as series
	`;
	return row;
}

async function registrationId(email: string): Promise<string> {
	const [row] = await db.sql<{ id: string }[]>`select id from public.registrations where email = ${email}`;
	if (!row) throw new Error(`no registration for ${email}`);
	return row.id;
}

describe('invoicing over HTTP', () => {
	it('keeps facilitators and visitors out of invoices', async () => {
		expect((await get(`${EVENT}/facturen`, facilitator)).status).toBe(403);
		expect((await get(`${EVENT}/facturen`)).status).toBe(303);
		expect((await get(`${EVENT}/facturen/register.csv`, facilitator)).status).toBe(403);
		expect((await get('/beheer/facturering', facilitator)).status).toBe(403);
	});

	it('refuses to invoice a registration that waits for its order number, and uses no number', async () => {
		const before = await counts();
		const csrf = await csrfOf(`${EVENT}/facturen`, organizer);
		// Daan's order number is to follow (demo data).
		const answer = await post(`${EVENT}/facturen?/factureren`, { csrf, aanmelding: await registrationId('daan.mulder@example.nl') }, organizer);
		expect(answer.status).toBe(409);
		expect(answer.text).toContain('inkoopordernummer');
		const nonsense = await post(`${EVENT}/facturen?/factureren`, { csrf, aanmelding: 'geen-id' }, organizer);
		expect(nonsense.status).toBe(400);
		expect(await counts()).toEqual(before);
	});

	it('invoices exactly the registrations the page showed, and none when one of them is no longer ready', async () => {
		const csrf = await csrfOf(`${EVENT}/facturen`, organizer);
		const sem = await registrationId('sem.jansen@example.nl');
		const fatima = await registrationId('fatima.elamrani@example.nl');
		const before = await counts();
		const mixed = new URLSearchParams({ csrf, groepering: 'per-aanmelding' });
		for (const id of [sem, fatima, await registrationId('daan.mulder@example.nl')]) mixed.append('aanmelding', id);
		const refused = await post(`${EVENT}/facturen?/factureren`, mixed, organizer);
		expect(refused.status).toBe(409);
		expect(refused.text).toContain('Daan Mulder');
		expect(await counts()).toEqual(before);

		const both = new URLSearchParams({ csrf, groepering: 'per-aanmelding' });
		both.append('aanmelding', sem);
		both.append('aanmelding', fatima);
		const issued = await post(`${EVENT}/facturen?/factureren`, both, organizer);
		expect(issued.status).toBe(200);
		expect(issued.text).toMatch(/2 facturen zijn uitgegeven/);
		expect((await counts())?.invoices).toBe((before?.invoices ?? 0) + 2);
	});

	it('refuses bad payments with a Dutch message at the field, and books nothing', async () => {
		const csrf = await csrfOf(`${EVENT}/facturen`, organizer);
		const issued = await post(`${EVENT}/facturen?/factureren`, { csrf, aanmelding: await registrationId('anouk.devries@example.nl') }, organizer);
		expect(issued.status).toBe(200);
		const [invoice] = await db.sql<{ number: string }[]>`select number from public.invoices order by created_at desc limit 1`;
		const page = `${EVENT}/facturen/${invoice!.number}`;
		const before = await counts();
		const pageCsrf = await csrfOf(page, organizer);
		const paymentId = /name="betaling-id" value="([^"]+)"/.exec((await get(page, organizer)).text)?.[1] ?? '';
		expect(paymentId).toMatch(/^[0-9a-f-]{36}$/);
		const today = new Date().toISOString().slice(0, 10);
		for (const [amount, message] of [
			['abc', 'bedrag'],
			['-5', ''],
			['12.50', 'komma'],
			['1,234', ''],
			['99999999,00', '']
		] as const) {
			const answer = await post(`${page}?/betaling`, { csrf: pageCsrf, 'betaling-id': paymentId, bedrag: amount, betaaldatum: today }, organizer);
			expect(answer.status, amount).toBeGreaterThanOrEqual(400);
			expect(answer.status, amount).toBeLessThan(500);
			expect(answer.text).toContain('aria-invalid="true"');
			if (message) expect(answer.text).toContain(message);
		}
		const wrongDate = await post(`${page}?/betaling`, { csrf: pageCsrf, 'betaling-id': paymentId, bedrag: '10,00', betaaldatum: '2019-02-30' }, organizer);
		expect(wrongDate.status).toBe(400);
		// A form without its own id (a hand-made post) books nothing either.
		const noId = await post(`${page}?/betaling`, { csrf: pageCsrf, bedrag: '10,00', betaaldatum: today }, organizer);
		expect(noId.status).toBe(400);
		expect(noId.text).toContain('Laad de pagina opnieuw');
		const noReason = await post(`${page}?/crediteren`, { csrf: pageCsrf, reden: '', bevestig: 'ja' }, organizer);
		expect(noReason.status).toBe(400);
		expect(await counts()).toEqual(before);
	});

	it('answers unknown or malformed invoice files with a Dutch 404', async () => {
		for (const path of [`${EVENT}/facturen/2026-99999/factuur.pdf`, `${EVENT}/facturen/x/factuur.pdf`, `${EVENT}/facturen/2026-00001/factuur.exe`]) {
			const answer = await get(path, organizer);
			expect(answer.status, path).toBe(404);
			expect(answer.text, path).toContain('bestaat niet');
		}
		const participant = await get(`/aanmelding/${'x'.repeat(43)}/facturen/factuur-2026-00001.pdf`);
		expect(participant.status).toBe(404);
		expect(participant.text).toContain('niet (meer)');
		const zip = await get(`${EVENT}/facturen/ubl.zip?van=2026-12-01&tot=2026-01-01`, organizer);
		expect(zip.status).toBe(400);
		expect(zip.text).toContain('begindatum');
	});

	it('refuses a quote for an impossible number of participants', async () => {
		const pdf = await get('/programma/ontwerpsessies-2019/offerte.pdf?organisatie=Gemeente%20Utrecht&deelnemers=abc');
		expect(pdf.status).toBe(400);
		expect(pdf.text).toContain('aantal deelnemers');
		const page = await get('/programma/ontwerpsessies-2019/offerte?organisatie=%3Cscript%3E&deelnemers=500');
		expect(page.status).toBe(200);
		expect(page.text).toContain('tekens die hier niet horen');
		expect(page.text).toContain('hoogstens 50 deelnemers');
		const good = await fetch(`${app.baseUrl}/programma/ontwerpsessies-2019/offerte.pdf?organisatie=Gemeente%20Utrecht&deelnemers=2`);
		expect(good.status).toBe(200);
		expect(good.headers.get('content-type')).toBe('application/pdf');
	});

	it('refuses malformed KvK numbers, OINs, IBANs and Peppol IDs, and changes nothing', async () => {
		const buyerPage = '/beheer/debiteuren/GM0473';
		const buyer = async () => (await db.sql`select kvk, oin, peppol_id, billing_email from public.buyer_profiles where organisation_code = 'GM0473'`)[0];
		const buyerBefore = await buyer();
		const buyerCsrf = await csrfOf(buyerPage, organizer);
		const validBuyer = {
			csrf: buyerCsrf,
			naam: 'Gemeente Zandvoort',
			afdeling: '',
			adres: 'Postbus 2',
			postcode: '2040 AA',
			plaats: 'Zandvoort',
			'factuur-e-mail': 'facturen@example.nl',
			kvk: '',
			oin: '00000001001234567000',
			'peppol-id': '',
			// The radio button "the seller's default".
			'e-factuurformaat': 'standaard'
		};
		for (const [change, field] of [
			[{ kvk: '1234567' }, 'kvk'],
			[{ oin: '0000000100123456700' }, 'oin'],
			[{ 'peppol-id': '9999:00000001001234567000' }, 'peppol-id'],
			[{ 'peppol-id': '0106:123' }, 'peppol-id'],
			[{ postcode: '0123 AB' }, 'postcode'],
			[{ 'e-factuurformaat': 'pdf' }, 'e-factuurformaat']
		] as const) {
			const answer = await post(`${buyerPage}?/opslaan`, { ...validBuyer, ...change }, organizer);
			expect(answer.status, JSON.stringify(change)).toBe(400);
			expect(answer.text, JSON.stringify(change)).toMatch(new RegExp(`id="veld-${field}-fout"`));
		}
		expect(await buyer()).toEqual(buyerBefore);
		// The unchanged form is accepted: each refusal above came from its one change.
		expect((await post(`${buyerPage}?/opslaan`, validBuyer, organizer)).status).toBe(200);

		const sellerPage = '/beheer/facturering';
		const seller = async () => (await db.sql`select kvk, vat_id, iban from public.seller_settings`)[0];
		const sellerBefore = await seller();
		const sellerCsrf = await csrfOf(sellerPage, organizer);
		const validSeller = {
			csrf: sellerCsrf,
			naam: 'Stichting Ontwerpsessies Sociaal Domein (demo)',
			adres: 'Drift 10',
			postcode: '3512 BS',
			plaats: 'Utrecht',
			kvk: '12345678',
			'btw-id': 'NL001234567B29',
			iban: 'NL91ABNA0417164300',
			bic: 'ABNANL2A',
			betaaltermijn: '30',
			'factuur-e-mail': 'facturen@ontwerpsessies.test',
			telefoon: '',
			'e-factuurformaat': 'nlcius'
		};
		for (const [change, field] of [
			[{ iban: 'NL91ABNA0417164301' }, 'iban'],
			[{ 'btw-id': 'NL001234567B28' }, 'btw-id'],
			[{ kvk: 'abcdefgh' }, 'kvk'],
			[{ betaaltermijn: '0' }, 'betaaltermijn']
		] as const) {
			const form = new FormData();
			for (const [key, value] of Object.entries({ ...validSeller, ...change })) form.append(key, value);
			const response = await fetch(app.baseUrl + `${sellerPage}?/opslaan`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: app.baseUrl, accept: 'text/html', cookie: organizer },
				body: form
			});
			const text = await response.text();
			expect(response.status, JSON.stringify(change)).toBe(400);
			expect(text, JSON.stringify(change)).toMatch(new RegExp(`id="veld-${field}-fout"`));
		}
		expect(await seller()).toEqual(sellerBefore);
	});

	it('refuses absurd fee settings and leaves the event’s fee as it was', async () => {
		const page = `${EVENT}/tarieven`;
		const csrf = await csrfOf(page, organizer);
		const valid = {
			csrf,
			prijs: '795,00',
			btw: 'standard',
			'btw-percentage': '21',
			vrijstelling: '',
			'korting-volgende-deelnemer': '',
			'kosteloos-annuleren-tot': '2019-09-12',
			annuleringskosten: '250,00',
			'offerte-geldig': '30',
			'factureren-per': 'registration'
		};
		const fee = async () =>
			(await db.sql`select fee_cents, vat_mode, vat_exemption_text, further_participant_discount_cents from public.events where id = ${DEMO_EVENT_ID}`)[0];
		const before = await fee();
		for (const [change, field] of [
			[{ prijs: '-795' }, 'prijs'],
			[{ prijs: '999.999.999,00' }, 'prijs'],
			[{ prijs: 'gratis' }, 'prijs'],
			[{ btw: 'nul' }, 'btw'],
			[{ btw: 'exempt', vrijstelling: '' }, 'vrijstelling'],
			[{ 'korting-volgende-deelnemer': '900,00' }, 'korting-volgende-deelnemer'],
			[{ 'offerte-geldig': '0' }, 'offerte-geldig'],
			[{ 'kosteloos-annuleren-tot': '2019-02-30' }, 'kosteloos-annuleren-tot']
		] as const) {
			const answer = await post(`${page}?/opslaan`, { ...valid, ...change }, organizer);
			expect(answer.status, JSON.stringify(change)).toBe(400);
			expect(answer.text, JSON.stringify(change)).toMatch(new RegExp(`id="veld-${field}-fout"`));
		}
		expect(await fee()).toEqual(before);
		expect(before).toMatchObject({ fee_cents: 79_500, vat_mode: 'standard' });
		// The same form with only valid values is accepted: each refusal above came from its one change.
		const accepted = await post(`${page}?/opslaan`, { ...valid, 'korting-volgende-deelnemer': '100,00' }, organizer);
		expect(accepted.status).toBe(200);
		expect(await fee()).toMatchObject({ fee_cents: 79_500, further_participant_discount_cents: 10_000 });
	});
});
