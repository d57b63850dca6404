import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';

/**
 * Another person in a journey: a browser context of their own (own cookies, own storage) with the
 * project's screen size and colour settings, Dutch and in Amsterdam time. `clockSkewMs` makes the
 * device's clock wrong by that much, as laptops' clocks sometimes are.
 */
export async function anotherPerson(
	browser: Browser,
	testInfo: TestInfo,
	options: { clockSkewMs?: number } = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const { baseURL, viewport, forcedColors, colorScheme } = testInfo.project.use;
	const context = await browser.newContext({ baseURL, viewport, forcedColors, colorScheme, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
	if (options.clockSkewMs) {
		await context.addInitScript((skew) => {
			const realNow = Date.now.bind(Date);
			Date.now = () => realNow() + skew;
		}, options.clockSkewMs);
	}
	return { context, page: await context.newPage() };
}
