/**
 * The logical structure of a tagged PDF, so screen readers (and the accessibility checks public
 * bodies run on what they receive) read headings, paragraphs and the table of lines in order.
 * Everything drawn goes either into a structure element or into an artifact: page furniture
 * such as rules, footers and repeated table headers that a reader should skip.
 */
export class DocumentStructure {
	readonly #doc: PDFKit.PDFDocument;
	readonly #root: PDFKit.PDFStructureElement;

	constructor(doc: PDFKit.PDFDocument) {
		this.#doc = doc;
		this.#root = doc.struct('Document');
		doc.addStructure(this.#root);
	}

	/** Draws content as one element (`P`, `H1`, `TD` …) under `parent`, the document by default. */
	element(type: string, draw: () => void, parent: PDFKit.PDFStructureElement = this.#root, alt?: string): void {
		parent.add(this.#doc.struct(type, alt === undefined ? {} : { alt }, draw));
	}

	/** An element that holds other elements (`Table`, `TR`, `L` …); end it when it is complete. */
	group(type: string, parent: PDFKit.PDFStructureElement = this.#root): PDFKit.PDFStructureElement {
		const group = this.#doc.struct(type);
		parent.add(group);
		return group;
	}

	/** Draws page furniture that is not part of the content. */
	artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
		this.#doc.markContent('Artifact', { type });
		draw();
		this.#doc.endMarkedContent();
	}
}
