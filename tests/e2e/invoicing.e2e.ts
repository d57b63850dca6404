import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForMail } from './support/mailbox';
import { E2E_MAIL_DIR, e2eOrganizer } from './support/paths';
import { fillSignUp, personalLinkIn, uniqueEmail } from './support/sign-up-form';
import { signIn } from './support/staff-sign-in';

const PROGRAMME = '/programma/ontwerpsessies-2019';

/**
 * Opens a folded action panel (`<details>`). A click just before the page has hydrated can be
 * undone by hydration (which sets `open` from the page's state), so it is tried until the panel
 * shows what is inside it.
 */
async function openPanel(page: Page, summary: string | RegExp, inside: Locator): Promise<void> {
	await expect(async () => {
		if (!(await inside.isVisible())) await page.locator('summary', { hasText: summary }).click();
		await expect(inside).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 15_000 });
}

test.describe('fees and invoices', () => {
	test('a quote before signing up, as a PDF for the purchase order', async ({ page, expectAccessible }) => {
		await page.goto(PROGRAMME);
		await page.getByRole('link', { name: 'Maak een offerte' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Offerte');
		await page.getByLabel('Organisatie').fill('Gemeente Utrecht');
		await page.getByLabel('Aantal deelnemers').fill('3');
		await page.getByRole('button', { name: 'Offerte maken' }).click();
		// 3 × € 795,00 = € 2.385,00 excl.; 21 % btw on the total: € 500,85.
		await expect(page.getByTestId('quote-total')).toHaveText(/€\s2\.885,85/);
		await expectAccessible('de offerte');

		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Offerte downloaden (pdf)' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^offerte-OFF-\d{8}-GM0344-3\.pdf$/);
		const bytes = await readFile((await file.path()) ?? '');
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

		// A quote for nobody: a Dutch message at the field, no PDF.
		await page.getByLabel('Aantal deelnemers').fill('0');
		await page.getByRole('button', { name: 'Offerte maken' }).click();
		await expect(page.getByRole('alert')).toContainText('minstens 1 deelnemer');
	});

	test('the organizer invoices, books a payment, cancels and credits; the participant downloads the invoice', async ({
		page,
		browser,
		expectAccessible,
		expectAccessibleOn
	}, testInfo) => {
		// The whole journey of a place and its money, in two browsers: longer than one page's test.
		test.setTimeout(120_000);
		// A participant of Gemeente Zandvoort (whose OIN the demo knows) signs up with an order number.
		const email = uniqueEmail(testInfo, 'factuur');
		const name = `Fenna ${testInfo.project.name.replace(/[^a-z]/g, '')} Faber`;
		await page.goto(`${PROGRAMME}/aanmelden`);
		await fillSignUp(page, email, name);
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
		await expect(page.getByTestId('signed-up')).toBeVisible();
		const confirmation = await waitForMail(E2E_MAIL_DIR, (mail) => mail.to.includes(email) && /bevestigd/.test(mail.subject));
		const personalPage = personalLinkIn(confirmation);

		// The organizer issues the invoice from the event's Facturen page.
		const organizer = await browser.newContext();
		const desk = await organizer.newPage();
		await signIn(desk, e2eOrganizer(testInfo.project.name, 'facturen'), '/beheer/ontwerpsessies-2019/facturen');
		await expect(desk.getByRole('heading', { level: 1 })).toContainText('Facturen');
		await desk.getByRole('button', { name: new RegExp(`^Factureer\\s*:\\s*${name}$`) }).click();
		const issued = desk.getByRole('status').filter({ hasText: /Factuur \d{4}-\d{5} is uitgegeven/ });
		await expect(issued).toBeVisible();
		const number = /(\d{4}-\d{5})/.exec((await issued.textContent()) ?? '')?.[1] ?? '';
		expect(number).not.toBe('');
		await expectAccessibleOn(desk, 'de facturen van een evenement');

		// The invoice reached the accounts-payable address the organizer keeps for the gemeente
		// (its buyer profile), with the PDF and the e-invoice attached.
		const invoiceMail = await waitForMail(E2E_MAIL_DIR, (mail) => mail.subject.includes(`Factuur ${number}`));
		expect(invoiceMail.to).toContain('facturen@example.nl');
		expect(invoiceMail.attachments.map((attachment) => attachment.filename).sort()).toEqual([`factuur-${number}.pdf`, `factuur-${number}.xml`]);
		const ubl = Buffer.from(invoiceMail.attachments.find((attachment) => attachment.filename.endsWith('.xml'))?.base64 ?? '', 'base64').toString('utf8');
		expect(ubl).toMatch(/<cac:OrderReference>\s*<cbc:ID>4500012345<\/cbc:ID>/);

		// A partial payment, then the invoice page shows what is still open.
		await desk.goto(`/beheer/ontwerpsessies-2019/facturen/${number}`);
		await expect(desk.getByRole('heading', { level: 1 })).toContainText(number);
		await expect(desk.getByRole('main')).toContainText('Voldaan');
		const amount = desk.getByLabel('Ontvangen bedrag in euro’s');
		await openPanel(desk, 'Betaling boeken', amount);
		await amount.fill('500,00');
		await desk.getByRole('button', { name: 'Betaling boeken' }).click();
		await expect(desk.getByRole('status').first()).toContainText('500,00');
		await expect(desk.getByRole('main')).toContainText('461,95');
		await expectAccessibleOn(desk, 'een factuur');

		// Too much is refused with a Dutch message at the field.
		await openPanel(desk, 'Betaling boeken', amount);
		await amount.fill('5.000,00');
		await desk.getByRole('button', { name: 'Betaling boeken' }).click();
		await expect(desk.getByLabel('Ontvangen bedrag in euro’s')).toHaveAttribute('aria-invalid', 'true');
		await expect(desk.getByRole('main')).toContainText('461,95');

		// The participant cancels late (the free period ended in 2019): the invoice must be corrected.
		await desk.getByRole('link', { name }).first().click();
		await expect(desk.getByRole('heading', { level: 1 })).toContainText(name);
		await openPanel(desk, /^Annuleren$/, desk.getByLabel('Ja, annuleer deze aanmelding'));
		await desk.getByLabel('Ja, annuleer deze aanmelding').check();
		await desk.getByRole('button', { name: 'Aanmelding annuleren' }).click();
		await expect(desk.getByRole('region', { name: 'Kosten en facturen' })).toContainText('Factuur moet worden gecorrigeerd');

		await desk.goto(`/beheer/ontwerpsessies-2019/facturen/${number}`);
		await openPanel(desk, /^Crediteren$/, desk.getByLabel('Reden van de creditering'));
		await desk.getByLabel('Reden van de creditering').fill('Deelname geannuleerd');
		await desk.getByLabel(new RegExp(`Ja, crediteer factuur ${number}`)).check();
		await desk.getByRole('button', { name: `Factuur ${number} crediteren` }).click();
		const credited = desk.getByRole('status').filter({ hasText: /C\d{4}-\d{5}/ });
		await expect(credited).toBeVisible();
		const creditNumber = /(C\d{4}-\d{5})/.exec((await credited.textContent()) ?? '')?.[1] ?? '';
		const creditMail = await waitForMail(E2E_MAIL_DIR, (mail) => mail.subject.includes(`Creditnota ${creditNumber}`));
		const creditUbl = Buffer.from(creditMail.attachments.find((attachment) => attachment.filename.endsWith('.xml'))?.base64 ?? '', 'base64').toString('utf8');
		expect(creditUbl).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
		expect(creditUbl).toContain(number);

		// Now the late cancellation's fee can be invoiced anew.
		await desk.goto('/beheer/ontwerpsessies-2019/facturen');
		await expect(desk.getByRole('button', { name: new RegExp(`^Factureer\\s*:\\s*${name}$`) })).toBeVisible();

		// The settings pages behind invoicing pass axe as well.
		for (const [path, heading] of [
			['/beheer/ontwerpsessies-2019/tarieven', 'Tarieven'],
			['/beheer/facturering', 'Facturering'],
			['/beheer/debiteuren', 'Debiteuren'],
			['/beheer/debiteuren/GM0344', 'Gemeente Utrecht']
		] as const) {
			await desk.goto(path);
			await expect(desk.getByRole('heading', { level: 1 })).toContainText(heading);
			await expectAccessibleOn(desk, path);
		}
		await organizer.close();

		// The participant finds both documents on the personal page and downloads the invoice.
		await page.goto(personalPage);
		const invoices = page.getByRole('region', { name: 'Facturen' });
		await expect(invoices).toContainText(`Factuur ${number}`);
		await expect(invoices).toContainText(`Creditnota ${creditNumber}`);
		await expectAccessible('de persoonlijke pagina met facturen');
		const download = page.waitForEvent('download');
		await invoices.getByRole('link', { name: 'pdf' }).first().click();
		const file = await download;
		expect(file.suggestedFilename()).toBe(`factuur-${number}.pdf`);
		expect((await readFile((await file.path()) ?? '')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});
});
