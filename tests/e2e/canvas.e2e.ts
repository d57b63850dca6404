import type { Browser, Page, TestInfo, WebSocket } from '@playwright/test';
import { expect, test } from './fixtures';
import { anotherPerson } from './support/person';
import { WHITEBOARD_LOADS } from './support/timeouts';

/**
 * Two people on one theme canvas, each in their own browser context (own cookies, own
 * IndexedDB), through the real server, websocket and PostgreSQL.
 */
const CANVAS = '/programma/ontwerpsessies-2019/thema/2';

async function joinCanvas(browser: Browser, name: string, testInfo: TestInfo, foreign: string[]) {
	const { context, page } = await anotherPerson(browser, testInfo);
	const sockets: WebSocket[] = [];
	const errors: string[] = [];
	page.on('websocket', (socket) => sockets.push(socket));
	page.on('pageerror', (error) => errors.push(error.message));
	const origin = new URL(testInfo.project.use.baseURL ?? '').host;
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (!['data:', 'blob:'].includes(url.protocol) && url.host !== origin) foreign.push(request.url());
	});
	await page.goto(CANVAS);
	await page.getByLabel('Hoe heet je?').fill(name);
	await page.getByRole('button', { name: 'Naar het canvas' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toHaveText(
		'Verbonden: wijzigingen worden direct gedeeld en bewaard.',
		WHITEBOARD_LOADS
	);
	await expect(page.locator('.tl-canvas')).toBeVisible();
	return { context, page, sockets, errors };
}

function noteWithText(page: Page, text: string) {
	return page.locator('[data-shape-type="note"]').filter({ hasText: text });
}

async function shapePosition(page: Page, text: string) {
	return noteWithText(page, text).evaluate((element) => getComputedStyle(element).transform);
}

test('two participants see each other’s notes, moves and cursors, and the notes stay', async ({ browser }, testInfo) => {
	// Two tldraw pages in one browser: on two busy cores this has taken 34 s, past the default half minute.
	test.slow();
	const foreign: string[] = [];
	const text = `Idee van Anouk ${testInfo.project.name} ${Date.now()}`;
	const anouk = await joinCanvas(browser, 'Anouk', testInfo, foreign);
	const bram = await joinCanvas(browser, 'Bram', testInfo, foreign);

	// Anouk places a sticky note with the keyboard shortcut and types in it.
	const surface = anouk.page.locator('.tl-canvas');
	const box = (await surface.boundingBox())!;
	await anouk.page.keyboard.press('n');
	await anouk.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await anouk.page.keyboard.type(text);
	await anouk.page.keyboard.press('Escape');
	await expect(noteWithText(anouk.page, text)).toBeVisible();

	// Bram sees it, with the text.
	await expect(noteWithText(bram.page, text)).toBeVisible({ timeout: 10_000 });

	// Bram drags it; Anouk sees it move.
	const before = await shapePosition(anouk.page, text);
	const note = (await noteWithText(bram.page, text).boundingBox())!;
	await bram.page.mouse.move(note.x + note.width / 2, note.y + 10);
	await bram.page.mouse.down();
	await bram.page.mouse.move(note.x + note.width / 2 + 160, note.y + 90, { steps: 12 });
	await bram.page.mouse.up();
	await expect.poll(() => shapePosition(anouk.page, text), { timeout: 10_000 }).not.toBe(before);

	// Each sees the other by name, with a cursor on the canvas. (tldraw paints cursors and their
	// name tags on a <canvas>; the list beside the whiteboard says the same in text.)
	await bram.page.mouse.move(box.x + 120, box.y + 120, { steps: 5 });
	await expect(anouk.page.getByRole('list', { name: 'Ook op dit canvas:' }).getByText('Bram')).toHaveAttribute(
		'data-cursor',
		'zichtbaar',
		{ timeout: 10_000 }
	);
	await anouk.page.mouse.move(box.x + 200, box.y + 160, { steps: 5 });
	await expect(bram.page.getByRole('list', { name: 'Ook op dit canvas:' }).getByText('Anouk')).toHaveAttribute(
		'data-cursor',
		'zichtbaar',
		{ timeout: 10_000 }
	);

	// After a reload the note is still there (from the server; the name is remembered).
	await anouk.page.reload();
	await expect(noteWithText(anouk.page, text)).toBeVisible({ timeout: 10_000 });

	// Leaving the canvas inside the app unmounts it cleanly: its websocket closes, nothing throws.
	const canvasSocket = bram.sockets.find((socket) => socket.url().includes('/ws/canvas/'));
	expect(canvasSocket).toBeDefined();
	const closed = new Promise<void>((resolve) =>
		canvasSocket!.isClosed() ? resolve() : canvasSocket!.on('close', () => resolve())
	);
	await bram.page.getByRole('link', { name: 'Community of practice: ontwerpsessies 2019' }).click();
	await expect(bram.page.getByRole('heading', { level: 1 })).toHaveText('Community of practice: ontwerpsessies 2019');
	await closed;
	expect(bram.errors).toEqual([]);

	expect(foreign).toEqual([]);
	await anouk.context.close();
	await bram.context.close();
});

test('the page around the canvas passes axe, and the name prompt explains itself', async ({ page, expectAccessible }) => {
	await page.goto(CANVAS);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zichtbaarheid en impact');
	await expectAccessible('naamvraag canvas');
	await page.getByRole('button', { name: 'Naar het canvas' }).click();
	await expect(page.getByText('Vul een naam in van 2 tot 40 tekens.')).toBeVisible();
	await expect(page.getByLabel('Hoe heet je?')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible('naamvraag met fout');
	await page.getByLabel('Hoe heet je?').fill('Chantal');
	await page.getByRole('button', { name: 'Naar het canvas' }).click();
	await expect(page.locator('.tl-canvas')).toBeVisible(WHITEBOARD_LOADS);
	// The whiteboard itself is an exception stated on /toegankelijkheid; everything around it is checked.
	await expectAccessible('canvaspagina', ['.tl-container']);
});

test('notes can be read and added as text, and reach the whiteboard of others', async ({ browser }, testInfo) => {
	const foreign: string[] = [];
	const text = `Tekstnotitie ${testInfo.project.name} ${Date.now()}`;
	const writer = await joinCanvas(browser, 'Fatima', testInfo, foreign);
	const reader = await joinCanvas(browser, 'Gert', testInfo, foreign);

	// Keyboard only: to the field, type, submit.
	await writer.page.getByLabel('Nieuwe notitie').focus();
	await writer.page.keyboard.type(text);
	await writer.page.getByRole('button', { name: 'Notitie toevoegen' }).press('Enter');
	await expect(writer.page.getByText('Notitie toegevoegd aan het canvas.')).toBeVisible();
	await expect(writer.page.getByRole('list', { name: 'Notities op dit canvas' }).getByText(text)).toBeVisible();

	// The other participant sees it on the whiteboard and in the list.
	await expect(noteWithText(reader.page, text)).toBeAttached({ timeout: 10_000 });
	await expect(reader.page.getByRole('list', { name: 'Notities op dit canvas' }).getByText(text)).toBeVisible();

	// An empty note is refused with an explanation.
	await writer.page.getByRole('button', { name: 'Notitie toevoegen' }).click();
	await expect(writer.page.getByText('Typ eerst de tekst van je notitie.')).toBeVisible();
	expect(foreign).toEqual([]);
	await writer.context.close();
	await reader.context.close();
});

test('the canvas exports as PNG and SVG from its menu', async ({ browser }, testInfo) => {
	test.setTimeout(60_000);
	const foreign: string[] = [];
	const { page, context } = await joinCanvas(browser, 'Hanna', testInfo, foreign);
	const text = `Om te exporteren ${testInfo.project.name} ${Date.now()}`;
	await page.getByLabel('Nieuwe notitie').fill(text);
	await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
	await expect(noteWithText(page, text)).toBeAttached();

	for (const format of ['PNG', 'SVG']) {
		// With nothing selected, tldraw exports the whole page.
		await page.getByRole('button', { name: 'Menu' }).click();
		await page.getByRole('menuitem', { name: 'Exporteren als' }).click();
		const download = page.waitForEvent('download');
		await page.getByRole('menuitem', { name: format, exact: true }).click();
		const file = await download;
		expect(file.suggestedFilename().toLowerCase()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
		const bytes = await (await file.createReadStream()).toArray();
		const content = Buffer.concat(bytes);
		if (format === 'PNG') expect(content.subarray(1, 4).toString()).toBe('PNG');
		else expect(content.toString('utf8')).toContain('<svg');
	}
	expect(foreign).toEqual([]);
	await context.close();
});

test('an unknown theme is a Dutch 404', async ({ page }) => {
	const response = await page.goto('/programma/ontwerpsessies-2019/thema/9');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('Dit thema bestaat niet')).toBeVisible();
});
