import { extractText, getDocumentProxy } from 'unpdf';

/**
 * Text of a rendered PDF for the unit tests, one string per page. All whitespace (line breaks
 * where text wrapped, the no-break space formatEuro puts after `€`) reads as one space, so an
 * expected value can be looked for with `toContain(readable(value))` wherever it wrapped.
 */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
	// pdf.js takes ownership of the buffer it reads; give it a copy so the caller's bytes stay usable.
	const { text } = await extractText(await getDocumentProxy(pdf.slice()), { mergePages: false });
	return text.map(readable);
}

/** The whole document's text, pages joined. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
	return (await pdfPages(pdf)).join(' ');
}

/** `value` with whitespace as the extracted text has it. */
export function readable(value: string): string {
	return value.replace(/\s+/g, ' ').trim();
}
