import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** The WCAG levels Dutch public-sector websites must meet, and 2.2 AA we design for. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Fixtures = {
	/**
	 * Runs axe on the page as it is now; fails the test with the rules and elements it finds.
	 * `exclude` leaves out parts we state as exceptions (the tldraw whiteboard itself).
	 */
	expectAccessible: (context?: string, exclude?: string[]) => Promise<void>;
	/** The same for another page than the test's own (a second browser context, e.g. the organizer's). */
	expectAccessibleOn: (other: Page, context?: string, exclude?: string[]) => Promise<void>;
};

export const test = base.extend<Fixtures>({
	expectAccessible: async ({ page, expectAccessibleOn }, use) => {
		await use((context = page.url(), exclude = []) => expectAccessibleOn(page, context, exclude));
	},
	expectAccessibleOn: async ({}, use, testInfo) => {
		// In forced-colors mode the browser paints with the user's own system colours, which are
		// contrast-safe by definition; axe still measures the author colours behind them and
		// reports false contrast failures. Contrast is checked in the other projects.
		const forcedColors = testInfo.project.use.forcedColors === 'active';
		await use(async (other, context = other.url(), exclude = []) => {
			let builder = new AxeBuilder({ page: other }).withTags(WCAG_TAGS);
			for (const selector of exclude) builder = builder.exclude(selector);
			if (forcedColors) builder = builder.disableRules(['color-contrast']);
			const results = await builder.analyze();
			const violations = results.violations.map((violation) => ({
				rule: violation.id,
				impact: violation.impact,
				help: violation.help,
				targets: violation.nodes.map((node) => node.target.join(' '))
			}));
			expect(violations, `axe violations on ${context}`).toEqual([]);
		});
	}
});

export { expect };

/** Text as a reader sees it: Intl writes a no-break space in `€ 795,00`. */
export async function visibleText(page: Page, selector: string): Promise<string> {
	return (await page.locator(selector).innerText()).replaceAll('\u00a0', ' ');
}
