import { expect, test, visibleText } from './fixtures';

test.describe('the public programme page', () => {
	test('shows the event, three themes, both sessions with full agendas and the fee', async ({
		page,
		expectAccessible
	}) => {
		await page.goto('/');
		await expect(page).toHaveTitle('Community of practice: ontwerpsessies 2019 – Ontwerpsessies');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community of practice: ontwerpsessies 2019');
		await expect(page.getByText('36 zijn die zelfs een aparte regeling')).toBeVisible();

		const themes = page.getByRole('region', { name: 'De thema’s' }).getByRole('heading', { level: 3 });
		await expect(themes).toHaveText([
			'Balanceren tussen laagdrempeligheid/flexibiliteit en sturen op resultaat',
			'Zichtbaarheid en impact',
			'Borging en vervolg'
		]);

		const first = page.getByRole('region', { name: /Ontwerpsessie 1/ });
		await expect(first.getByRole('heading', { level: 3 })).toHaveText('Ontwerpsessie 1: donderdag 26 september 2019');
		await expect(first.getByText('Plastic Soep Pop-up atelier, Passage 20, Zandvoort')).toBeVisible();
		const firstTimes = first.getByRole('row').locator('td:first-child');
		await expect(firstTimes).toHaveText(['13:30', '13:45', '14:00', '14:30', '14:50', '15:30', '15:50', '16:30', '16:45']);
		await expect(first.getByRole('row').nth(2)).toContainText('Presentatie eindresultaten onderzoek');
		await expect(first.getByRole('row').last()).toContainText('Afsluiting');

		const second = page.getByRole('region', { name: /Ontwerpsessie 2/ });
		await expect(second.getByRole('heading', { level: 3 })).toHaveText('Ontwerpsessie 2: donderdag 31 oktober 2019');
		await expect(second.getByText('Locatie: wordt nog bekendgemaakt')).toBeVisible();
		await expect(second.getByRole('row').locator('td:first-child')).toHaveText([
			'13:30', '13:40', '14:10', '15:05', '15:25', '16:20', '16:30'
		]);
		await expect(second.getByRole('row').nth(3)).toContainText('Werken aan oplossingen voor de uitdagingen (ideation)');

		expect(await visibleText(page, '[data-testid="fee-excl"]')).toBe('€ 795,00 excl. btw');
		expect(await visibleText(page, '[data-testid="fee-incl"]')).toBe('€ 961,95 incl. 21% btw');

		const meedoen = page.getByRole('region', { name: 'Meedoen?' });
		await expect(meedoen).toContainText('open voor alle gemeenten en provincies');
		const contact = page.getByRole('region', { name: 'Contact' });
		await expect(contact.getByRole('link', { name: '+31 85 0185 071' })).toHaveAttribute('href', 'tel:+31850185071');
		await expect(contact.getByRole('link', { name: 'martijn@scalematters.nl' })).toHaveAttribute(
			'href',
			'mailto:martijn@scalematters.nl'
		);
		await expect(page.getByRole('region', { name: 'Partner' })).toContainText('Universiteit Utrecht');

		await expectAccessible('programmapagina');
	});

	test('has the same programme at its own address', async ({ page }) => {
		await page.goto('/programma/ontwerpsessies-2019');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community of practice: ontwerpsessies 2019');
	});

	test('starts with a skip link to the content for keyboard users', async ({ page }) => {
		await page.goto('/');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
		await expect(skip).toBeFocused();
		await expect(skip).toBeVisible();
		await page.keyboard.press('Enter');
		await expect(page.locator('main')).toBeFocused();
	});

	test('needs no horizontal scrolling', async ({ page }) => {
		await page.goto('/');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});

	test('loads nothing from another origin', async ({ page, baseURL }) => {
		const foreign: string[] = [];
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (url.protocol !== 'data:' && url.origin !== new URL(baseURL ?? '').origin) foreign.push(request.url());
		});
		await page.goto('/');
		await page.waitForLoadState('networkidle');
		expect(foreign).toEqual([]);
	});

	test('ships no React and no whiteboard code', async ({ page }) => {
		const scripts: string[] = [];
		page.on('response', async (response) => {
			if (response.request().resourceType() === 'script') scripts.push(await response.text());
		});
		await page.goto('/');
		await page.waitForLoadState('networkidle');
		expect(scripts.length).toBeGreaterThan(0);
		// React 19 marks its elements with this symbol name; tldraw names itself in its bundle.
		expect(scripts.filter((code) => code.includes('react.transitional.element'))).toEqual([]);
		expect(scripts.filter((code) => code.includes('tldraw'))).toEqual([]);
	});
});

test.describe('error pages', () => {
	test('a missing page says so in Dutch and helps the visitor on', async ({ page, expectAccessible }) => {
		const response = await page.goto('/bestaat-niet');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
		await expect(page.getByText('Deze pagina bestaat niet.')).toBeVisible();
		await page.getByRole('link', { name: 'Naar de startpagina' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community of practice: ontwerpsessies 2019');
		await page.goto('/bestaat-niet');
		await expectAccessible('404-pagina');
	});

	test('an unknown programme is a 404, not an error', async ({ page }) => {
		const response = await page.goto('/programma/bestaat-niet-2030');
		expect(response?.status()).toBe(404);
		await expect(page.getByText('Dit programma bestaat niet, of is (nog) niet gepubliceerd.')).toBeVisible();
	});
});

test('the accessibility statement passes axe', async ({ page, expectAccessible }) => {
	await page.goto('/toegankelijkheid');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toegankelijkheid');
	await expectAccessible('toegankelijkheid');
});
