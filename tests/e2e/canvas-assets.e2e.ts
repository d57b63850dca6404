import { assetUploadResponseSchema } from '../../src/lib/canvas/asset-rules';
import { TINY_PNG } from '../../src/lib/canvas/test-images';
import { expect, test } from './fixtures';
import { WHITEBOARD_LOADS } from './support/timeouts';

/**
 * An image dropped on a live canvas goes to the app, and only its URL into the shared
 * document: the image shape shows it from /api/canvas/…/afbeeldingen/…, never as a data: URL.
 */
const CANVAS = '/programma/ontwerpsessies-2019/thema/3';

test('an image dropped on the canvas is stored by the app and shown from there', async ({ page }, testInfo) => {
	await page.goto(CANVAS);
	await page.getByLabel('Hoe heet je?').fill('Daan');
	await page.getByRole('button', { name: 'Naar het canvas' }).click();
	await expect(page.getByText('Verbonden: wijzigingen worden direct gedeeld en bewaard.')).toBeVisible(WHITEBOARD_LOADS);
	await expect(page.locator('.tl-canvas')).toBeVisible();

	const uploaded = page.waitForResponse(
		(response) => response.request().method() === 'POST' && /\/api\/canvas\/[0-9a-f-]{36}\/afbeeldingen$/.test(response.url())
	);
	// A drop from the file manager, as the browser delivers it, in the middle of the canvas. The
	// bytes after the PNG's end make this run's file unique: tldraw names an image by its hash,
	// and the other browser projects drop theirs on the same canvas.
	const unique = new TextEncoder().encode(`${testInfo.project.name} ${Date.now()}`);
	const dataTransfer = await page.evaluateHandle((bytes) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([new Uint8Array(bytes)], 'schets.png', { type: 'image/png' }));
		return transfer;
	}, [...TINY_PNG, ...unique]);
	const surface = page.locator('.tl-canvas');
	const box = (await surface.boundingBox())!;
	const middle = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
	await surface.dispatchEvent('dragover', { dataTransfer, ...middle });
	await surface.dispatchEvent('drop', { dataTransfer, ...middle });

	const response = await uploaded;
	expect(response.status()).toBe(201);
	const { src } = assetUploadResponseSchema.parse(await response.json());
	expect(src).toMatch(/^\/api\/canvas\/[0-9a-f-]{36}\/afbeeldingen\/[0-9a-f-]{36}$/);
	const image = page.locator(`[data-shape-type="image"] img[src="${src}"]`);
	await expect(image).toBeVisible({ timeout: 10_000 });

	// Served as an image, with the headers that keep it one.
	const served = await page.request.get(src);
	expect(served.status()).toBe(200);
	expect(served.headers()).toMatchObject({
		'content-type': 'image/png',
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; sandbox"
	});

	// After a reload the image is still there, from the same URL.
	await page.reload();
	await expect(image).toBeVisible({ timeout: 15_000 });
});

test('the upload endpoint refuses SVG and other sites, in Dutch', async ({ page, baseURL }) => {
	await page.goto(CANVAS);
	const canvasId = await page.locator('[data-canvas-id]').getAttribute('data-canvas-id');
	const endpoint = `/api/canvas/${canvasId}/afbeeldingen`;
	const origin = new URL(baseURL ?? '').origin;

	const svg = await page.request.post(endpoint, {
		headers: { origin, 'content-type': 'image/svg+xml', accept: 'application/json' },
		data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
	});
	expect(svg.status()).toBe(415);
	expect(await svg.json()).toEqual({ message: 'Alleen afbeeldingen in PNG, JPEG, GIF of WebP kunnen op het canvas.' });

	const foreign = await page.request.post(endpoint, {
		headers: { origin: 'https://elders.example', 'content-type': 'image/png', accept: 'application/json' },
		data: Buffer.from(TINY_PNG)
	});
	expect(foreign.status()).toBe(403);
});
