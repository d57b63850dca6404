import { expect, test, visibleText } from './fixtures';
import { waitForMail } from './support/mailbox';
import { E2E_MAIL_DIR } from './support/paths';
import { fillSignUp, personalLinkIn, uniqueEmail } from './support/sign-up-form';

const SIGN_UP = '/programma/ontwerpsessies-2019/aanmelden';

test.describe('signing up', () => {
	test('from the programme page, with confirmation page, mail with calendar file, and cancelling through its link', async ({
		page,
		expectAccessible
	}, testInfo) => {
		const email = uniqueEmail(testInfo, 'anne');
		await page.goto('/programma/ontwerpsessies-2019');
		await page.getByRole('link', { name: 'Aanmelden', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden');
		expect(await visibleText(page, '[data-testid="fee-excl"]')).toBe('€ 795,00 excl. btw');
		expect(await visibleText(page, '[data-testid="fee-incl"]')).toBe('€ 961,95 incl. 21% btw');
		await expect(page.getByRole('checkbox', { name: /Ontwerpsessie 1/ }).first()).toBeChecked();
		await expect(page.getByRole('checkbox', { name: /Ontwerpsessie 2/ }).first()).toBeChecked();
		await expectAccessible('het aanmeldformulier');

		await fillSignUp(page, email);
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();

		await expect(page.getByTestId('signed-up')).toContainText('Je bent aangemeld.');
		await expect(page.getByTestId('status')).toHaveText('Bevestigd');
		await expect(page.getByText('Gemeente Zandvoort').first()).toBeVisible();
		await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('2040 AA');
		await expectAccessible('de persoonlijke pagina');

		// The shared participant list holds only those who agreed (odd-numbered demo participants did).
		await page.getByRole('link', { name: 'Bekijk de deelnemerslijst' }).click();
		const list = page.getByRole('table');
		await expect(list).toContainText('Anouk de Vries');
		await expect(list).not.toContainText('Sem Jansen');
		await expect(page.getByText('Jij staat er niet op')).toBeVisible();
		await expectAccessible('de deelnemerslijst');
		await page.goBack();

		const confirmation = await waitForMail(E2E_MAIL_DIR, (mail) => mail.to.includes(email) && /bevestigd/.test(mail.subject));
		// Intl writes a no-break space between € and the amount.
		expect(confirmation.text.replace(/\s/g, ' ')).toContain('€ 795,00');
		expect(confirmation.text).toContain('4500012345');
		const calendar = confirmation.attachments.find((attachment) => attachment.filename.endsWith('.ics'));
		const ics = Buffer.from(calendar?.base64 ?? '', 'base64').toString('utf8');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
		expect(ics).toContain('DTSTART:20190926T113000Z');

		await page.goto(personalLinkIn(confirmation));

		// "Collega aanmelden" offers the organisation and its invoice details again, but not the order number.
		await page.getByRole('link', { name: 'Collega aanmelden' }).click();
		await expect(page.getByLabel('Gemeente of provincie', { exact: true })).toHaveValue('Gemeente Zandvoort');
		await expect(page.getByLabel('E-mailadres voor facturen')).toHaveValue('crediteuren@zandvoort.example');
		await expect(page.getByLabel(/^Inkoopordernummer/)).toHaveValue('');
		await expect(page.getByLabel('E-mailadres (werk)')).toHaveValue('');
		await page.goBack();

		await page.getByRole('checkbox', { name: 'Ja, ik wil mijn aanmelding annuleren' }).check();
		await page.getByRole('button', { name: 'Aanmelding annuleren' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Je aanmelding is geannuleerd' })).toBeVisible();
		await expect(page.getByTestId('status')).toHaveText('Geannuleerd');
		await waitForMail(E2E_MAIL_DIR, (mail) => mail.to.includes(email) && /geannuleerd/i.test(mail.subject));
	});

	test('a coordinator adds a colleague in the same sign-up', async ({ page }, testInfo) => {
		const email = uniqueEmail(testInfo, 'coordinator');
		const colleague = uniqueEmail(testInfo, 'collega');
		await page.goto(SIGN_UP);
		await fillSignUp(page, email, 'Carla Coördinator');
		await page.getByRole('button', { name: 'Nog een collega aanmelden' }).click();
		const second = page.getByRole('group', { name: 'Deelnemer 2' });
		await expect(second.getByLabel('Naam', { exact: true })).toBeFocused();
		await second.getByLabel('Naam', { exact: true }).fill('Cor Collega');
		await second.getByLabel('E-mailadres (werk)').fill(colleague);
		await second.getByLabel('Functie', { exact: true }).fill('Subsidieadviseur');
		// What was typed before adding the block is still there.
		await expect(page.getByRole('group', { name: 'Deelnemer 1' }).getByLabel('E-mailadres (werk)')).toHaveValue(email);
		await expect(page.getByTestId('total')).toContainText('2 ×');
		await page.getByRole('button', { name: '2 deelnemers aanmelden' }).click();

		await expect(page.getByTestId('signed-up')).toContainText('Cor Collega: bevestigd');
		await waitForMail(E2E_MAIL_DIR, (mail) => mail.to.includes(colleague) && /bevestigd/.test(mail.subject));
	});

	test('tells a second sign-up with the same e-mail, kindly, without a second registration', async ({ page }, testInfo) => {
		const email = uniqueEmail(testInfo, 'dubbel');
		await page.goto(SIGN_UP);
		await fillSignUp(page, email);
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
		await expect(page.getByTestId('status')).toHaveText('Bevestigd');

		await page.goto(SIGN_UP);
		await fillSignUp(page, email.toUpperCase());
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
		await expect(page.getByRole('alert')).toContainText('al aangemeld');
		await expect(page.getByText('Met dit e-mailadres is al iemand aangemeld').first()).toBeVisible();
	});
});

test.describe('a form with mistakes', () => {
	test('lists the problems at the top, linked to their fields, and stays accessible', async ({ page, expectAccessible }) => {
		await page.goto(SIGN_UP);
		await page.getByLabel('Postcode', { exact: true }).fill('0123 AB');
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('Niet alles is goed ingevuld');
		await expect(summary.getByRole('link', { name: 'Vul de naam in.' })).toBeVisible();
		await expect(page.getByText('Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.').first()).toBeVisible();
		await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('0123 AB');
		await expectAccessible('het formulier met fouten');
	});
});

test.describe('signing up without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('shows every problem in Dutch next to its field, keeps what was typed, then signs up', async ({ page }, testInfo) => {
		const email = uniqueEmail(testInfo, 'zonderjs');
		await page.goto(SIGN_UP);
		await page.getByLabel('Naam', { exact: true }).fill('<script>alert(1)</script>');
		await page.getByLabel('E-mailadres (werk)').fill('geen-adres');
		await page.getByLabel('Postcode', { exact: true }).fill('12345');
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();

		await expect(page.getByRole('alert')).toContainText('Niet alles is goed ingevuld');
		await expect(page.getByText('Gebruik geen < of > in de naam.').first()).toBeVisible();
		await expect(page.getByText('Vul bij het e-mailadres een geldig e-mailadres in').first()).toBeVisible();
		await expect(page.getByText('Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.').first()).toBeVisible();
		await expect(page.getByText('Ga akkoord met de privacyverklaring').first()).toBeVisible();
		await expect(page.getByLabel('E-mailadres (werk)')).toHaveValue('geen-adres');
		await expect(page.getByLabel('E-mailadres (werk)')).toHaveAttribute('aria-invalid', 'true');

		await page.getByLabel('Naam', { exact: true }).fill('Zonder Script');
		await fillSignUp(page, email, 'Zonder Script');
		await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
		await expect(page.getByTestId('status')).toHaveText('Bevestigd');

		// The personal page works without JavaScript too: a wrong postcode, a correction, cancelling.
		await page.getByLabel('Postcode', { exact: true }).fill('9999');
		await page.getByRole('button', { name: 'Factuurgegevens opslaan' }).click();
		await expect(page.getByText('Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.')).toBeVisible();
		await page.getByLabel('Postcode', { exact: true }).fill('2041 cd');
		await page.getByRole('button', { name: 'Factuurgegevens opslaan' }).click();
		await expect(page.getByText('De factuurgegevens zijn opgeslagen.')).toBeVisible();
		await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('2041 CD');
		await page.getByRole('button', { name: 'Aanmelding annuleren' }).click();
		await expect(page.getByText('Vink aan dat je je aanmelding wilt annuleren.')).toBeVisible();
		await page.getByRole('checkbox', { name: 'Ja, ik wil mijn aanmelding annuleren' }).check();
		await page.getByRole('button', { name: 'Aanmelding annuleren' }).click();
		await expect(page.getByTestId('status')).toHaveText('Geannuleerd');
	});
});

test.describe('refusing what is not ours', () => {
	test('a forged form token, a forged personal link and a post from another site get Dutch 4xx answers', async ({ page, request }) => {
		await page.goto(SIGN_UP);
		const origin = new URL(page.url()).origin;
		const forged = await request.post(`${SIGN_UP}?/aanmelden`, {
			headers: { origin },
			form: { csrf: 'vals.token', 'deelnemer-0-naam': 'Iemand' }
		});
		expect(forged.status()).toBe(403);
		expect(await forged.text()).toContain('Dit formulier is verlopen of komt niet van deze website');

		const crossSite = await request.post(`${SIGN_UP}?/aanmelden`, {
			headers: { origin: 'https://kwaadwillend.example' },
			form: { 'deelnemer-0-naam': 'Iemand' }
		});
		expect(crossSite.status()).toBe(403);
		expect(await crossSite.text()).toContain('komt niet van deze website');

		const link = await page.goto('/aanmelding/' + 'A'.repeat(43));
		expect(link?.status()).toBe(404);
		await expect(page.getByText('Deze link is niet (meer) geldig')).toBeVisible();
	});
});
