import type { TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { e2eOrganizer } from './support/paths';
import { signIn } from './support/staff-sign-in';

/**
 * Demo participants to check in, one per browser project: the projects run side by side on
 * one database, and each must find its person not yet checked in.
 */
const PEOPLE: Record<string, { atDesk: string; atDoor: string }> = {
	desktop: { atDesk: 'Lotte Visser', atDoor: 'Noor Hendriks' },
	'smal-320': { atDesk: 'Daan Mulder', atDoor: 'Anouk de Vries' },
	'hoog-contrast': { atDesk: 'Pieter Bakker', atDoor: 'Sem Jansen' }
};
const people = (testInfo: TestInfo) => PEOPLE[testInfo.project.name] ?? PEOPLE.desktop!;

test.describe('the organizer’s desk', () => {
	test('sign in with a mailed code, find a registration, see its history and check someone in', async ({ page, expectAccessible }, testInfo) => {
		const { atDesk } = people(testInfo);
		const [first] = atDesk.split(' ');
		await signIn(page, e2eOrganizer(testInfo.project.name, 'desk'));
		await expect(page.getByRole('navigation', { name: 'Beheer' })).toBeVisible();
		await expectAccessible('het overzicht van evenementen');

		await page.getByRole('link', { name: /ontwerpsessies 2019/ }).first().click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('ontwerpsessies 2019');
		await expect(page.getByRole('region', { name: 'In cijfers' })).toContainText('Plaatsen vrij');
		await expectAccessible('de aanmeldingen');

		await page.getByRole('searchbox', { name: 'Zoeken' }).fill(first ?? '');
		await page.getByRole('button', { name: 'Filteren' }).click();
		const table = page.getByRole('table');
		await expect(table.getByRole('row')).toHaveCount(2);
		await table.getByRole('link', { name: atDesk }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(atDesk);
		await expectAccessible('een aanmelding');

		await page.getByRole('link', { name: 'Inchecken' }).first().click();
		await page.getByLabel('Zoek op naam, e-mailadres of organisatie').fill(first ?? '');
		await page.getByRole('button', { name: 'Zoeken' }).click();
		// The search is a navigation: wait for its result before checking in, or the new page can
		// replace the one whose form is on its way.
		await expect(page.getByRole('link', { name: 'Toon iedereen' })).toBeVisible();
		await page.getByRole('button', { name: new RegExp(`^Inchecken\\s*:\\s*${atDesk}$`) }).click();
		await expect(page.getByRole('button', { name: new RegExp(`Ingecheckt.*${atDesk}`) })).toBeVisible();
		await expectAccessible('inchecken');

		await page.getByRole('link', { name: 'Logboek' }).click();
		await expect(page.getByRole('main')).toContainText('Ingecheckt');
	});
});

test.describe('the desk on a phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('checks in at the door without sideways scrolling', async ({ page }, testInfo) => {
		const { atDoor } = people(testInfo);
		await signIn(page, e2eOrganizer(testInfo.project.name, 'deur'), '/beheer/inchecken');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Inchecken');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.getByLabel('Zoek op naam, e-mailadres of organisatie').fill(atDoor.split(' ')[0] ?? '');
		await page.getByRole('button', { name: 'Zoeken' }).click();
		await expect(page.getByRole('link', { name: 'Toon iedereen' })).toBeVisible();
		await page.getByRole('button', { name: new RegExp(`^Inchecken\\s*:\\s*${atDoor}$`) }).click();
		await expect(page.getByRole('status')).toContainText('ingecheckt');
	});
});
