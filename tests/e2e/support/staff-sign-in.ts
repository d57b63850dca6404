import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import { waitForMail } from './mailbox';
import { E2E_MAIL_DIR } from './paths';

/** Signs in with a one-time code that arrives by mail in the SMTP sink, as an organizer would. */
export async function signIn(page: Page, email: string, goTo = '/beheer') {
	await page.goto(goTo);
	await expect(page).toHaveURL(/\/beheer\/inloggen/);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByRole('button', { name: 'Stuur mij een code' }).click();
	const mail = await waitForMail(E2E_MAIL_DIR, (candidate) => candidate.to.includes(email) && /inlogcode/i.test(candidate.subject));
	const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
	expect(code, mail.text).toBeTruthy();
	await page.getByLabel('Code uit de e-mail').fill(code ?? '');
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}
