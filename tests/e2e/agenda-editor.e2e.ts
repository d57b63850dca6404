import type { TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { appDatabase } from './support/app-database';
import { signIn } from './support/staff-sign-in';

/**
 * The organizer's agenda editor: a new edition's session built from scratch, an overlapping
 * time refused at its field, the public programme showing the result, and the session removed
 * after a confirmation — with and without JavaScript.
 *
 * Every test works in an event of its own (made here in the app's database and removed
 * afterwards), so the seeded 2019 programme that other journeys check stays as it is, and the
 * browser projects running side by side never meet. The sessions are in 2018: the home page,
 * the door's check-in and the desk keep showing 2019.
 */

interface Workspace {
	slug: string;
	title: string;
	organizer: string;
	theme: string;
}

/** An empty published event and an organizer of its own for one test in one browser project. */
async function workspace(testInfo: TestInfo, purpose: string): Promise<Workspace> {
	const slug = `agendaproef-${testInfo.project.name}-${purpose}`;
	const title = `Agendaproef ${testInfo.project.name} ${purpose}`;
	// A new sign-in code ends the previous one: one address per test and project.
	const organizer = `organisator-${testInfo.project.name}-agenda-${purpose}@e2e.test`;
	const theme = 'Zichtbaarheid en impact';
	const sql = appDatabase();
	try {
		await sql`delete from public.events where slug = ${slug}`;
		const [event] = await sql<{ id: string }[]>`
			insert into public.events (slug, status, published_at, title, fee_cents)
			values (${slug}, 'published', now(), ${title}, 0)
			returning id
		`;
		await sql`insert into public.themes (event_id, position, title) values (${event?.id ?? ''}, 1, ${theme})`;
		await sql`
			insert into public.staff (email, name, role) values (${organizer}, 'Agenda-organisator', 'organizer')
			on conflict (email) do update set role = 'organizer', active = true
		`;
	} finally {
		await sql.end();
	}
	return { slug, title, organizer, theme };
}

async function removeWorkspace(space: Workspace | undefined) {
	if (!space) return;
	const sql = appDatabase();
	try {
		await sql`delete from public.events where slug = ${space.slug}`;
	} finally {
		await sql.end();
	}
}

test.describe('the agenda editor', () => {
	let space: Workspace | undefined;
	test.afterEach(() => removeWorkspace(space));

	test('builds a session’s agenda, refuses an overlap at the field, publishes it and removes the session', async ({ page, expectAccessible }, testInfo) => {
		// Sign-in by mail and four axe runs: more than the default half minute on a busy machine.
		test.slow();
		space = await workspace(testInfo, 'js');
		await signIn(page, space.organizer, `/beheer/${space.slug}/agenda`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Agenda');
		await expect(page.getByRole('link', { name: 'Agenda', exact: true })).toHaveAttribute('aria-current', 'page');
		await expect(page.getByText('Dit evenement heeft nog geen sessies.')).toBeVisible();
		await expectAccessible('het agendaoverzicht');

		await page.getByRole('link', { name: 'Nieuwe sessie met een lege agenda' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Nieuwe sessie');
		// Rows are added in the browser once the page has hydrated; before that the button posts the form.
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Titel', { exact: true }).fill('Ontwerpsessie 1');
		await page.getByLabel('Datum').fill('2018-06-14');
		await page.getByLabel('Begintijd van de sessie').fill('13:30');
		await page.getByLabel('Eindtijd van de sessie').fill('17:00');
		await page.getByLabel('Naam van de locatie').fill('Stadskantoor');
		await page.getByLabel('Plaats', { exact: true }).fill('Utrecht');

		// The first item starts with the session; the new row gets the focus.
		await page.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
		await expect(page.getByLabel('Begintijd onderdeel 1')).toBeFocused();
		await expect(page.getByLabel('Begintijd onderdeel 1')).toHaveValue('13:30');
		await page.getByLabel('Eindtijd onderdeel 1').fill('14:00');
		await page.getByLabel('Titel onderdeel 1').fill('Welkom en kennismaking');

		// The second starts where the first ends; typed ten minutes too early, it overlaps.
		await page.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
		await expect(page.getByLabel('Begintijd onderdeel 2')).toHaveValue('14:00');
		await page.getByLabel('Begintijd onderdeel 2').fill('13:50');
		await page.getByLabel('Eindtijd onderdeel 2').fill('15:00');
		await page.getByLabel('Titel onderdeel 2').fill('Samen aan de slag');
		await page.getByLabel('Soort onderdeel 2').selectOption({ label: 'Werken in thema’s' });
		await page.getByLabel(/^Werkvorm onderdeel 2/).selectOption({ label: 'Ideation: brainwriting' });
		await page.getByLabel(/^Thema onderdeel 2/).selectOption({ label: `1. ${space.theme}` });
		await page.getByLabel('Eerst zelf nadenken bij onderdeel 2').check();
		await page.getByRole('button', { name: 'Sessie aanmaken' }).click();

		const start = page.getByLabel('Begintijd onderdeel 2');
		await expect(page.locator('#veld-onderdeel-2-begin-fout')).toContainText('overlapt met onderdeel 1 (‘Welkom en kennismaking’)');
		await expect(start).toHaveAttribute('aria-invalid', 'true');
		await expect(start).toBeFocused();
		await expect(start).toHaveValue('13:50');
		await expect(page.getByLabel('Titel onderdeel 2')).toHaveValue('Samen aan de slag');
		await expect(page.getByRole('alert')).toContainText('Niet alles is goed ingevuld');
		await expectAccessible('de agenda met een overlap');

		await start.fill('14:00');
		await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'De sessie is aangemaakt.' })).toBeVisible();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Ontwerpsessie 1');
		await expect(page.locator('.code')).toHaveText(/^[A-HJKMNP-Z2-9]{6}$/);
		await expect(page.getByLabel('Eerst zelf nadenken bij onderdeel 2')).toBeChecked();
		await expectAccessible('een opgeslagen sessie');

		// The public programme shows the new agenda.
		await page.goto(`/programma/${space.slug}`);
		const programme = page.getByRole('region', { name: /Ontwerpsessie 1/ });
		await expect(programme.getByRole('heading', { level: 3 })).toHaveText('Ontwerpsessie 1: donderdag 14 juni 2018');
		await expect(programme.getByText('Stadskantoor, Utrecht')).toBeVisible();
		await expect(programme.getByRole('row').locator('td:first-child')).toHaveText(['13:30', '14:00']);
		await expect(programme.getByRole('row').last()).toContainText('Samen aan de slag');

		// Removing asks first.
		await page.goto(`/beheer/${space.slug}/agenda`);
		await expect(page.getByRole('table', { name: 'Agenda van Ontwerpsessie 1' })).toContainText('Ideation: brainwriting');
		await page.getByRole('link', { name: /^Bewerken\s*: Ontwerpsessie 1$/ }).click();
		await page.getByRole('link', { name: 'Deze sessie verwijderen…' }).click();
		const question = page.getByRole('heading', { name: '‘Ontwerpsessie 1’ verwijderen?' });
		await expect(question).toBeFocused();
		await expectAccessible('de vraag of de sessie weg mag');
		await page.getByRole('button', { name: 'Ja, verwijder deze sessie' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'De sessie is verwijderd.' })).toBeVisible();
		await expect(page.getByText('Dit evenement heeft nog geen sessies.')).toBeVisible();
	});
});

test.describe('the agenda editor without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	let space: Workspace | undefined;
	test.afterEach(() => removeWorkspace(space));

	test('adds and removes rows through the server, keeps what was typed, and saves', async ({ page }, testInfo) => {
		test.slow();
		space = await workspace(testInfo, 'zonderjs');
		await signIn(page, space.organizer, `/beheer/${space.slug}/agenda/nieuw`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Nieuwe sessie');
		await page.getByLabel('Titel', { exact: true }).fill('Ontwerpsessie 2');
		await page.getByLabel('Datum').fill('2018-10-25');
		await page.getByLabel('De locatie volgt nog').check();

		await page.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
		await expect(page.getByLabel('Titel', { exact: true })).toHaveValue('Ontwerpsessie 2');
		await expect(page.getByLabel('De locatie volgt nog')).toBeChecked();
		await page.getByLabel('Eindtijd onderdeel 1').fill('14:00');
		await page.getByLabel('Titel onderdeel 1').fill('Welkom');
		await page.getByRole('button', { name: 'Onderdeel toevoegen' }).click();
		await page.getByLabel('Eindtijd onderdeel 2').fill('14:30');
		await page.getByLabel('Titel onderdeel 2').fill('Wordt weer weggehaald');
		// Without JavaScript the button's name is as the server drew the (then empty) row. Chromium
		// reads the visually hidden part as a block of its own, hence the space before the colon.
		await page.getByRole('button', { name: /^Verwijderen\s*: onderdeel 2$/ }).click();
		await expect(page.getByLabel('Titel onderdeel 2')).toHaveCount(0);
		await expect(page.getByLabel('Titel onderdeel 1')).toHaveValue('Welkom');

		// An item past the session's end is refused at its field.
		await page.getByLabel('Eindtijd onderdeel 1').fill('17:30');
		await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
		await expect(page.getByText('Onderdeel 1 eindigt om 17:30, na het einde van de sessie (17:00).').first()).toBeVisible();
		await expect(page.getByLabel('Eindtijd onderdeel 1')).toHaveAttribute('aria-invalid', 'true');

		await page.getByLabel('Eindtijd onderdeel 1').fill('14:00');
		await page.getByRole('button', { name: 'Sessie aanmaken' }).click();
		await expect(page.getByText('De sessie is aangemaakt.')).toBeVisible();

		await page.goto(`/programma/${space.slug}`);
		const programme = page.getByRole('region', { name: /Ontwerpsessie 2/ });
		await expect(programme.getByText('Locatie: wordt nog bekendgemaakt')).toBeVisible();
		await expect(programme.getByRole('row').locator('td:first-child')).toHaveText(['13:30']);
	});
});
