import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { ReportCanvas, ReportDocument } from '$lib/reports/report-document';
import { ReportsBusy } from './reports';

// The downloads of a report: its canvases as SVG or PNG, and PDFs. Shared by the organizer's
// preview and the published pages, which differ only in where the report comes from.

const CANVAS_FILE = /^thema-([1-9][0-9]?)\.(svg|png)$/;
const canvasFileSchema = z.string().regex(CANVAS_FILE);

/** `Ontwerpsessie 1` → `ontwerpsessie-1`: a file name any mail client and file system accepts. */
export function fileSlug(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'verslag'
	);
}

/** `private`: only for this reader (the organizer's draft, a private publication); `public` may be cached a little. */
export type Audience = 'private' | 'public';

export function cacheControl(audience: Audience): string {
	return audience === 'private' ? 'private, no-store' : 'public, max-age=60';
}

/** The canvas of the theme named in `file` (`thema-2.png`), or a Dutch 404. */
export async function canvasFileResponse(
	report: ReportDocument,
	file: string,
	audience: Audience,
	toPng: (canvas: ReportCanvas) => Promise<Uint8Array>
): Promise<Response> {
	const parsed = canvasFileSchema.safeParse(file);
	if (!parsed.success) error(404, 'Dit bestand bestaat niet.');
	const [, position, format] = CANVAS_FILE.exec(parsed.data)!;
	const theme = report.themes.find((candidate) => candidate.position === Number(position));
	if (!theme?.canvas) error(404, 'Bij dit thema is geen canvas.');
	const name = `${fileSlug(report.session.title)}-thema-${position}.${format}`;
	const headers = {
		'cache-control': cacheControl(audience),
		'content-disposition': `inline; filename="${name}"`,
		'x-content-type-options': 'nosniff'
	};
	if (format === 'png') {
		return new Response(Buffer.from(await toPng(theme.canvas)), { headers: { ...headers, 'content-type': 'image/png' } });
	}
	return new Response(theme.canvas.svg, {
		headers: {
			...headers,
			'content-type': 'image/svg+xml; charset=utf-8',
			// Opened on its own, an SVG is a document: ours has no scripts, and may not run any.
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
		}
	});
}

function pdfResponse(pdf: Uint8Array, fileName: string, audience: Audience): Response {
	return new Response(Buffer.from(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': cacheControl(audience),
			'x-content-type-options': 'nosniff'
		}
	});
}

/** A PDF download, or a Dutch 503 (with when to try again) when too many PDFs are being made at this moment. */
export async function pdfDownload(render: () => Promise<Uint8Array>, fileName: string, audience: Audience): Promise<Response> {
	try {
		return pdfResponse(await render(), fileName, audience);
	} catch (caught) {
		if (!(caught instanceof ReportsBusy)) throw caught;
		return new Response(caught.message, {
			status: 503,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30', 'cache-control': 'no-store' }
		});
	}
}
