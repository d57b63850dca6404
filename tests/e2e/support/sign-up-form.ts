import type { Page, TestInfo } from '@playwright/test';
import type { StoredMail } from './mailbox';

/** An address no other test or project uses, so mails can be told apart. */
export function uniqueEmail(testInfo: TestInfo, who: string): string {
	return `${who}.${testInfo.project.name}.${Date.now()}@zandvoort.example`.toLowerCase();
}

export async function fillSignUp(page: Page, email: string, name = 'Anne van Dam') {
	await page.getByLabel('Gemeente of provincie', { exact: true }).fill('Gemeente Zandvoort');
	await page.getByRole('radio', { name: 'Ja' }).check();
	await page.getByLabel('Naam', { exact: true }).fill(name);
	await page.getByLabel('E-mailadres (werk)').fill(email);
	await page.getByLabel('Functie', { exact: true }).fill('Beleidsadviseur sociaal domein');
	await page.getByLabel('Naam van de organisatie op de factuur').fill('Gemeente Zandvoort');
	await page.getByLabel('Adres of postbus').fill('Postbus 2');
	await page.getByLabel('Postcode', { exact: true }).fill('2040aa');
	await page.getByLabel('Plaats', { exact: true }).fill('Zandvoort');
	await page.getByLabel('E-mailadres voor facturen').fill('crediteuren@zandvoort.example');
	await page.getByRole('textbox', { name: /^Inkoopordernummer/ }).fill('4500012345');
	await page.getByLabel(/privacyverklaring/).check();
}

export function personalLinkIn(mail: StoredMail): string {
	const link = /http:\/\/127\.0\.0\.1:\d+\/aanmelding\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
	if (!link) throw new Error(`no personal link in the mail:\n${mail.text}`);
	return new URL(link).pathname;
}
