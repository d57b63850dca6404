/** `factuur-2026-00017.pdf` or `creditnota-C2026-00002.xml`. */
export function invoiceFilename(file: { number: string; kind: 'invoice' | 'credit-note' }, format: 'pdf' | 'xml'): string {
	return `${file.kind === 'invoice' ? 'factuur' : 'creditnota'}-${file.number}.${format}`;
}

/** An issued invoice's stored file as a download; never cached by shared caches. */
export function invoiceDownload(file: { number: string; kind: 'invoice' | 'credit-note'; body: Uint8Array | string }, format: 'pdf' | 'xml'): Response {
	const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
	return new Response(body, {
		headers: {
			'content-type': format === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
			'content-disposition': `attachment; filename="${invoiceFilename(file, format)}"`,
			'cache-control': 'private, no-store'
		}
	});
}

/** Invoice numbers as issued: `2026-00017`, credit notes `C2026-00002`. */
export const INVOICE_NUMBER = /^C?\d{4}-\d{5}$/;

const FILENAME = /^(?:factuur|creditnota)-(C?\d{4}-\d{5})\.(pdf|xml)$/;

/** The number and format in a download's file name, or null when it is not one of ours. */
export function parseInvoiceFilename(name: string): { number: string; format: 'pdf' | 'xml' } | null {
	const match = FILENAME.exec(name);
	if (!match?.[1] || !match[2]) return null;
	return { number: match[1], format: match[2] as 'pdf' | 'xml' };
}
