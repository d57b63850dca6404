import PDFDocument from 'pdfkit';
import { calendarDateAsInstant } from './calendar-date';
import { registerFonts } from './fonts';
import { DocumentStructure } from './structure';

/** What every drawing helper needs: the pdfkit document and the structure tree it fills. */
export interface PdfContext {
	doc: PDFKit.PDFDocument;
	structure: DocumentStructure;
}

export interface PdfMetadata {
	/** Shown as the window title by PDF readers, e.g. `Factuur 2019-00001`. */
	title: string;
	/** The organisation that issues the document. */
	author: string;
	subject: string;
	/** Issue date `YYYY-MM-DD`, used as creation date so the same document gives the same bytes. */
	issueDate: string;
}

/**
 * An empty, tagged A4 document in Dutch with the fonts registered. Margins are zero because
 * every helper places its text itself; pdfkit's own page breaking would otherwise kick in when
 * the footer is drawn below the body. Pages are buffered so "Pagina 1 van 2" can be written
 * once the page count is known.
 */
export function createPdf(metadata: PdfMetadata): PdfContext {
	const created = calendarDateAsInstant(metadata.issueDate);
	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		bufferPages: true,
		pdfVersion: '1.7',
		tagged: true,
		lang: 'nl-NL',
		displayTitle: true,
		info: {
			Title: metadata.title,
			Author: metadata.author,
			Subject: metadata.subject,
			Creator: metadata.author,
			CreationDate: created,
			ModDate: created
		}
	});
	registerFonts(doc);
	return { doc, structure: new DocumentStructure(doc) };
}

/**
 * Finishes the document and returns the PDF file as a plain Uint8Array (not a Buffer, which
 * some readers such as pdf.js refuse).
 */
export function finishPdf({ doc }: PdfContext): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const chunks: Uint8Array[] = [];
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		doc.end();
	});
}
