import type { TestInfo } from '@playwright/test';
import { createShapeId } from '@tldraw/tlschema';
import * as Y from 'yjs';
import { createCanvasDocument } from '../../src/lib/canvas/canvas-document';
import { canvasRecords } from '../../src/lib/canvas/doc-layout';
import { frameShape, noteShape } from '../../src/lib/canvas/test-factories';
import { expect, test } from './fixtures';
import { appDatabase } from './support/app-database';
import { waitForMail } from './support/mailbox';
import { E2E_MAIL_DIR } from './support/paths';
import { anotherPerson } from './support/person';
import { signIn } from './support/staff-sign-in';

/**
 * From a session that ran to its report and the publication: the organizer edits and publishes,
 * the participant follows the mail's link to a private report and downloads it, a stranger is
 * turned away until the organizer makes the publication public.
 *
 * Each browser project works in an event of its own, made here in the app's database: a session
 * that ran (agenda runs), a theme canvas snapshot with a design question, ideas and handvatten,
 * dot votes, and take-aways of a participant who agreed to be named and one who did not. Its
 * date is in 2018, so the home page and the desk keep showing 2019; the retention period is ten
 * years, or the app's retention sweep would anonymise these participants halfway through.
 */

interface Workspace {
	slug: string;
	organizer: string;
	named: { email: string; token: string };
}

const IDEAS = { top: 'Verhalen van inwoners met foto’s', second: 'Een dashboard voor de raad', none: 'Een jaarlijkse oogstbijeenkomst' };

async function workspace(testInfo: TestInfo): Promise<Workspace> {
	const project = testInfo.project.name;
	const slug = `verslagproef-${project}`;
	const organizer = `organisator-${project}-verslagen@e2e.test`;
	const named = { email: `anna-${project}@verslag.e2e.test`, token: `anna${project.replace(/[^a-z0-9]/g, '')}`.padEnd(43, 'A') };
	const unnamedToken = `bob${project.replace(/[^a-z0-9]/g, '')}`.padEnd(43, 'B');
	const doc = new Y.Doc();
	createCanvasDocument(doc);
	const records = canvasRecords(doc);
	const question = createShapeId('vraag');
	const what = createShapeId('wat');
	records.set(frameShape('Onze ontwerpvraag', { w: 720, h: 500 }, { id: question }));
	records.set(frameShape('Wat', { w: 720, h: 500 }, { id: what, y: 700 }));
	const notes = [
		{ ...noteShape('Hoe kunnen wij impact zichtbaar maken zodat de raad blijft investeren?', { x: 24, y: 60 }), parentId: question },
		{ ...noteShape('Een oogstbijeenkomst plannen', { x: 24, y: 60 }), parentId: what },
		noteShape(IDEAS.none, { id: createShapeId('a'), x: 900, y: 0 }),
		noteShape(IDEAS.top, { id: createShapeId('b'), x: 900, y: 260 }),
		noteShape(IDEAS.second, { id: createShapeId('c'), x: 900, y: 520 })
	];
	for (const note of notes) records.set(note);

	const sql = appDatabase();
	try {
		await sql`delete from public.registrations where event_id in (select id from public.events where slug = ${slug})`;
		await sql`delete from public.events where slug = ${slug}`;
		const [event] = await sql<{ id: string }[]>`
			insert into public.events (slug, status, published_at, title, fee_cents, retention_days)
			values (${slug}, 'published', now(), ${`Verslagproef ${project}`}, 0, 3650) returning id
		`;
		const [theme] = await sql<{ id: string }[]>`
			insert into public.themes (event_id, position, title) values (${event!.id}, 1, 'Zichtbaarheid en impact') returning id
		`;
		const [canvas] = await sql<{ id: string }[]>`insert into public.canvases (theme_id) values (${theme!.id}) returning id`;
		const [session] = await sql<{ id: string }[]>`
			insert into public.event_sessions (event_id, position, title, starts_at, ends_at, venue_name, venue_city)
			values (${event!.id}, 1, 'Ontwerpsessie 1', '2018-09-27 13:30 Europe/Amsterdam', '2018-09-27 17:00 Europe/Amsterdam', 'Pop-up atelier', 'Zandvoort')
			returning id
		`;
		const items = await sql<{ id: string }[]>`
			insert into public.agenda_items (session_id, position, starts_at, ends_at, kind, title) values
				(${session!.id}, 1, '2018-09-27 13:30 Europe/Amsterdam', '2018-09-27 14:00 Europe/Amsterdam', 'plenary', 'Welkom en kennismaking'),
				(${session!.id}, 2, '2018-09-27 14:00 Europe/Amsterdam', '2018-09-27 15:30 Europe/Amsterdam', 'breakout', 'Samen aan de slag')
			returning id
		`;
		await sql`
			insert into public.agenda_item_runs (session_id, item_id, item_title, started_at, ended_at) values
				(${session!.id}, ${items[0]!.id}, 'Welkom en kennismaking', '2018-09-27 13:33 Europe/Amsterdam', '2018-09-27 14:02 Europe/Amsterdam'),
				(${session!.id}, ${items[1]!.id}, 'Samen aan de slag', '2018-09-27 14:02 Europe/Amsterdam', '2018-09-27 15:40 Europe/Amsterdam')
		`;
		// The facilitator closed the session in the console (which took the snapshot below).
		const joinCode = { desktop: 'VRSDTP', 'smal-320': 'VRSSMA', 'hoog-contrast': 'VRSHCT' }[project] ?? 'VRSXYZ';
		await sql`
			insert into public.live_sessions (session_id, join_code, status, started_at, ended_at)
			values (${session!.id}, ${joinCode}, 'ended', '2018-09-27 13:33 Europe/Amsterdam', '2018-09-27 17:02 Europe/Amsterdam')
		`;
		await sql`
			insert into public.canvas_session_snapshots (canvas_id, session_id, state)
			values (${canvas!.id}, ${session!.id}, ${Buffer.from(Y.encodeStateAsUpdate(doc))})
		`;
		const register = async (name: string, email: string, token: string, consent: boolean, organisation: string) => {
			const [registration] = await sql<{ id: string }[]>`
				insert into public.registrations (event_id, status, batch_id, name, email, job_title, organisation_other, organisation_name,
					has_innovation_scheme, billing_name, billing_street, billing_postcode, billing_city, billing_email,
					privacy_consent_at, participant_list_consent, access_token)
				values (${event!.id}, 'confirmed', gen_random_uuid(), ${name}, ${email}, 'Beleidsadviseur', ${organisation}, ${organisation},
					'ja', ${organisation}, 'Postbus 1', '2040 AA', 'Zandvoort', 'facturen@verslag.e2e.test', now(), ${consent}, ${token})
				returning id
			`;
			await sql`insert into public.registration_sessions (registration_id, session_id) values (${registration!.id}, ${session!.id})`;
			const [participant] = await sql<{ id: string }[]>`
				insert into public.session_participants (session_id, registration_id, name, organisation_name, takeaway, takeaway_shared)
				values (${session!.id}, ${registration!.id}, ${name}, ${organisation}, ${`Meenemen van ${name.split(' ')[0]}`}, true)
				returning id
			`;
			return participant!.id;
		};
		const anna = await register('Anna Akkerman', named.email, named.token, true, 'Gemeente Utrecht');
		const bob = await register('Bob Bezemer', `bob-${project}@verslag.e2e.test`, unnamedToken, false, 'Gemeente Haarlem');
		const vote = (participantId: string, noteId: string) => sql`
			insert into public.session_votes (session_id, item_id, participant_id, canvas_id, note_id)
			values (${session!.id}, ${items[1]!.id}, ${participantId}, ${canvas!.id}, ${noteId})
		`;
		await vote(anna, createShapeId('b'));
		await vote(bob, createShapeId('b'));
		await vote(anna, createShapeId('c'));
		await sql`
			insert into public.staff (email, name, role) values (${organizer}, 'Verslag-organisator', 'organizer')
			on conflict (email) do update set role = 'organizer', active = true
		`;
	} finally {
		await sql.end();
	}
	return { slug, organizer, named };
}

test('the organizer edits and publishes a report; the participant reads it through the mail, strangers only once it is public', async ({
	browser,
	page,
	expectAccessible,
	expectAccessibleOn
}, testInfo) => {
	test.slow();
	const space = await workspace(testInfo);

	// The organizer's overview and editor.
	await signIn(page, space.organizer, `/beheer/${space.slug}/verslagen`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Verslagen');
	await expectAccessible('het overzicht van de verslagen');
	await expect(page.getByRole('link', { name: 'Verslag Ontwerpsessie 1' })).toHaveAttribute('href', `/beheer/${space.slug}/verslagen/1`);

	// The console of the closed session leads to its report.
	await page.goto(`/beheer/${space.slug}/sessies/1`);
	await expect(page.getByTestId('console-onderdeel')).toHaveText('De sessie is afgesloten.');
	await page.getByRole('link', { name: 'Naar het verslag van deze sessie' }).click();
	await expect(page).toHaveURL(new RegExp(`/beheer/${space.slug}/verslagen/1$`));
	await expect(page.getByTestId('verslag-status')).toContainText('Concept');
	await expect(page.getByLabel('Ontwerpvraag')).toHaveValue('Hoe kunnen wij impact zichtbaar maken zodat de raad blijft investeren?');
	const ideas = page.getByRole('group', { name: /Ideeën in het verslag/ }).getByRole('checkbox');
	await expect(ideas).toHaveCount(3);
	await expect(ideas.nth(0)).toHaveAccessibleName(`${IDEAS.top} (2 stemmen)`);
	await expect(ideas.nth(2)).toHaveAccessibleName(`${IDEAS.none} (geen stemmen)`);
	await expectAccessible('de verslageditor');

	// An introduction, and the idea without votes left out.
	await page.getByLabel('Inleiding').fill('Een middag vol ideeën in Zandvoort.');
	await ideas.nth(2).uncheck();
	await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Het verslag is opgeslagen.' })).toBeVisible();
	await expect(ideas.nth(2)).not.toBeChecked();

	// The preview shows what publishing would freeze.
	await page.getByRole('link', { name: 'Voorbeeld bekijken' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verslag Ontwerpsessie 1');
	const previewIdeas = page.getByRole('list', { name: /Ideeën bij thema 1/ }).getByRole('listitem');
	await expect(previewIdeas).toHaveCount(2);
	await expect(previewIdeas.nth(0)).toContainText(IDEAS.top);
	await expect(page.getByText('Een middag vol ideeën in Zandvoort.')).toBeVisible();
	await expectAccessible('het voorbeeld van het verslag');
	await page.getByRole('link', { name: 'Terug naar het bewerken' }).click();

	await page.getByRole('button', { name: 'Opslaan en publiceren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Het verslag is gepubliceerd. 2 deelnemers krijgen een e-mail met de link.' })).toBeVisible();
	await expect(page.getByTestId('verslag-status')).toContainText('Gepubliceerd op');

	// The participant follows the link in the mail to the private report.
	const mail = await waitForMail(E2E_MAIL_DIR, (candidate) => candidate.to.includes(space.named.email) && /verslag/i.test(candidate.subject));
	const link = new RegExp(`https?://[^\\s]+/aanmelding/${space.named.token}/verslag/[0-9a-f-]{36}`).exec(mail.text)?.[0];
	expect(link, mail.text).toBeTruthy();
	const reader = (await anotherPerson(browser, testInfo)).page;
	await reader.goto(new URL(link!).pathname);
	await expect(reader).toHaveURL(new RegExp(`/publicatie/${space.slug}/1$`));
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Verslag Ontwerpsessie 1');
	const readerIdeas = reader.getByRole('list', { name: /Ideeën bij thema 1/ }).getByRole('listitem');
	await expect(readerIdeas.nth(0)).toHaveAttribute('data-votes', '2');
	await expect(readerIdeas.nth(0)).toContainText(IDEAS.top);
	await expect(readerIdeas.nth(1)).toHaveAttribute('data-votes', '1');
	await expect(reader.getByRole('main')).not.toContainText(IDEAS.none);
	// Anna agreed to be named; Bob did not: his take-away is there, his name is not.
	await expect(reader.getByRole('main')).toContainText('Anna Akkerman');
	await expect(reader.getByRole('main')).toContainText('Meenemen van Bob');
	await expect(reader.getByRole('main')).not.toContainText('Bob Bezemer');
	// The canvas picture loads, with its text alternative.
	const picture = reader.getByRole('img', { name: /Canvas met \d+ notities/ });
	await expect(picture).toBeVisible();
	await expect.poll(() => picture.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
	await expectAccessibleOn(reader, 'het gepubliceerde verslag');

	const pdf = await reader.request.get(`/publicatie/${space.slug}/1/pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const png = await reader.request.get(`/publicatie/${space.slug}/1/canvas/thema-1.png`);
	expect(png.headers()['content-type']).toBe('image/png');

	await reader.getByRole('link', { name: /De hele publicatie/ }).click();
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`Verslagproef ${testInfo.project.name}`);
	await expect(reader.getByRole('heading', { name: 'Hoe de ontwerpvraag zich ontwikkelde' })).toBeVisible();
	await expectAccessibleOn(reader, 'de publicatie');

	// A stranger is turned away, in Dutch, until the publication is public.
	const stranger = (await anotherPerson(browser, testInfo)).page;
	const refused = await stranger.goto(`/publicatie/${space.slug}/1`);
	expect(refused?.status()).toBe(403);
	await expect(stranger.getByText(/alleen voor deelnemers/)).toBeVisible();
	expect((await stranger.request.get(`/publicatie/${space.slug}/1/pdf`)).status()).toBe(403);

	await page.goto(`/beheer/${space.slug}/verslagen`);
	await page.getByLabel(/^Iedereen/).check();
	await page.getByRole('button', { name: 'Zichtbaarheid opslaan' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'De zichtbaarheid is opgeslagen.' })).toBeVisible();
	await stranger.goto(`/programma/${space.slug}`);
	await stranger.getByRole('link', { name: 'Lees de publicatie' }).click();
	await expect(stranger.getByRole('link', { name: 'Verslag Ontwerpsessie 1' })).toHaveAttribute('href', `/publicatie/${space.slug}/1`);
	await expect(stranger.getByRole('main')).not.toContainText('Bob Bezemer');

	await reader.context().close();
	await stranger.context().close();
});
