import PDFDocument from 'pdfkit';

/**
 * Whether pdfkit can draw this image. A file can start like a PNG or JPEG and still be cut off or
 * use a variant pdfkit cannot read (interlaced PNG, CMYK JPEG); such a logo would then break every
 * invoice and quote, so it is tried once, on upload.
 */
export function logoIsDrawable(bytes: Uint8Array): boolean {
	const document = new PDFDocument({ autoFirstPage: true });
	try {
		document.image(Buffer.from(bytes), 0, 0, { fit: [100, 100] });
		return true;
	} catch {
		return false;
	} finally {
		document.end();
	}
}
