import { mkdirSync, writeFileSync } from 'node:fs';
import { extractTextItems, getDocumentProxy, getMeta, renderPageAsImage } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { reportDocumentSchema, type ReportDocument, type ReportIdea } from '$lib/reports/report-document';
import { votesLabel } from '$lib/reports/report-format';
import { BODY_BOTTOM, CONTENT_LEFT, CONTENT_RIGHT, FOOTER_TOP, PAGE_HEIGHT, PAGE_WIDTH } from '../invoicing/pdf/layout';
import { pdfPages, pdfText, readable } from '../invoicing/pdf/test-pdf-text';
import { renderPublicationPdf, renderReportPdf } from './report-pdf';
import { testCanvasPng, testPublication, testReport } from './test-reports';

/** One structure element as pdf.js reads it back: its role, the text drawn in it, its alternative text. */
interface TaggedElement {
	role: string;
	text: string;
	alt?: string;
	page: number;
}

interface StructNode {
	role?: string;
	alt?: string;
	type?: string;
	id?: string;
	children?: StructNode[];
}

/**
 * The document's structure elements in reading order, each with its text, from every page's
 * structure tree (pdf.js `getStructTree`) joined to the text layer by marked-content id.
 */
async function taggedElements(pdf: Uint8Array): Promise<TaggedElement[]> {
	const document = await getDocumentProxy(pdf.slice());
	const elements: TaggedElement[] = [];
	for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
		const page = await document.getPage(pageNumber);
		const content = await page.getTextContent({ includeMarkedContent: true });
		const textById = new Map<string, string>();
		const open: string[] = [];
		for (const item of content.items) {
			if ('str' in item) {
				const id = open.at(-1);
				if (id) textById.set(id, (textById.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
			} else if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '');
			else if (item.type === 'endMarkedContent') open.pop();
		}
		const textOf = (node: StructNode): string =>
			(node.children ?? []).map((child) => (child.type === 'content' && child.id ? (textById.get(child.id) ?? '') : textOf(child))).join('');
		const visit = (node: StructNode) => {
			if (node.role) {
				const element: TaggedElement = { role: node.role, text: readable(textOf(node)), page: pageNumber };
				if (node.alt !== undefined) element.alt = node.alt;
				elements.push(element);
			}
			for (const child of node.children ?? []) visit(child);
		};
		const tree: StructNode | null = await page.getStructTree();
		if (tree) visit(tree);
	}
	return elements;
}

function texts(elements: TaggedElement[], role: string): string[] {
	return elements.filter((element) => element.role === role).map((element) => element.text);
}

/**
 * Text drawn where it should not be: outside the content column, or below the body's bottom
 * margin when it is not the page footer.
 */
async function misplacedText(pdf: Uint8Array): Promise<string[]> {
	const { items } = await extractTextItems(pdf.slice());
	const footerBaselineBelow = PAGE_HEIGHT - FOOTER_TOP;
	const misplaced: string[] = [];
	items.forEach((page, index) => {
		for (const item of page) {
			if (!item.str.trim()) continue;
			const where = `page ${index + 1}: "${item.str}" at ${item.x.toFixed(1)},${item.y.toFixed(1)}`;
			if (item.x < CONTENT_LEFT - 0.5 || item.x + item.width > CONTENT_RIGHT + 0.5) misplaced.push(`sideways ${where}`);
			if (item.y < 0 || item.y > PAGE_HEIGHT) misplaced.push(`off the page ${where}`);
			const isFooter = item.y < footerBaselineBelow;
			// Text hangs from its top; its baseline lies a little below, so a body line ends well above.
			if (!isFooter && item.y < PAGE_HEIGHT - BODY_BOTTOM) misplaced.push(`below the body ${where}`);
		}
	});
	return misplaced;
}

function reportWithIdeas(count: number): ReportDocument {
	const report = testReport();
	const ideas = Array.from({ length: count }, (_, index): ReportIdea => ({
		id: `idee-${index + 1}`,
		text: `Idee ${index + 1}: een voorstel van de groep over laagdrempelige ondersteuning in de wijk`,
		votes: count - index,
		column: null
	}));
	return { ...report, themes: report.themes.map((theme, index) => (index === 0 ? { ...theme, ideas } : theme)) };
}

function latin1(pdf: Uint8Array): string {
	return new TextDecoder('latin1').decode(pdf);
}

/** Renders one page at 1.5× (about 108 dpi) to a PNG under tests/.artifacts/, for looking at, and returns it. */
async function renderPage(pdf: Uint8Array, pageNumber: number, name: string): Promise<Uint8Array> {
	const png = new Uint8Array(
		await renderPageAsImage(pdf.slice(), pageNumber, { canvasImport: () => import('@napi-rs/canvas'), scale: 1.5 })
	);
	mkdirSync('tests/.artifacts', { recursive: true });
	writeFileSync(`tests/.artifacts/${name}`, png);
	return png;
}

/** Width, height and the share of pixels that are clearly not paper-white. */
async function inkCoverage(png: Uint8Array): Promise<{ width: number; height: number; inked: number }> {
	const { createCanvas, loadImage } = await import('@napi-rs/canvas');
	const image = await loadImage(Buffer.from(png));
	const canvas = createCanvas(image.width, image.height);
	const context = canvas.getContext('2d');
	context.drawImage(image, 0, 0);
	const { data } = context.getImageData(0, 0, image.width, image.height);
	let inked = 0;
	for (let index = 0; index < data.length; index += 4) {
		if ((data[index] ?? 255) < 160 && (data[index + 1] ?? 255) < 160 && (data[index + 2] ?? 255) < 160) inked++;
	}
	return { width: image.width, height: image.height, inked: inked / (image.width * image.height) };
}

describe('renderReportPdf', () => {
	it('is tested with a sample that is a valid report', () => {
		expect(reportDocumentSchema.parse(testReport())).toEqual(testReport());
	});

	it('writes a PDF file that opens', async () => {
		const pdf = await renderReportPdf(testReport(), testCanvasPng);
		expect(new TextDecoder().decode(pdf.subarray(0, 8))).toBe('%PDF-1.7');
		const document = await getDocumentProxy(pdf.slice());
		expect(document.numPages).toBeGreaterThan(0);
	});

	it('puts the sample on seven pages, each numbered', async () => {
		const pages = await pdfPages(await renderReportPdf(testReport(), testCanvasPng));
		expect(pages).toHaveLength(7);
		pages.forEach((page, index) => expect(page).toContain(`Pagina ${index + 1} van ${pages.length}`));
		expect(pages.slice(1).every((page) => page.includes('Verslag Ontwerpsessie 1, 26 september 2019 (vervolg)'))).toBe(true);
	});

	it('says what the session was, when and where', async () => {
		const report = testReport();
		const text = await pdfText(await renderReportPdf(report, testCanvasPng));
		for (const expected of [
			'Verslag Ontwerpsessie 1',
			report.event.title,
			'Datum 26 september 2019',
			'Tijd 13:30–17:00',
			'Plaats Zandvoort, Badhuisplein 1',
			'Deelnemers 23',
			report.intro
		]) {
			expect(text).toContain(readable(expected));
		}
	});

	it('shows the agenda as planned and as it ran, with the item that was skipped', async () => {
		const text = await pdfText(await renderReportPdf(testReport(), testCanvasPng));
		expect(text).toContain('Onderdeel Gepland Werkelijk');
		expect(text).toContain('Welkom en terugblik 13:30–13:45 13:32–13:50');
		expect(text).toContain('Pitch per thema 16:30–16:50 niet gehouden');
	});

	it('tags one title, a heading per theme in order, and the sections under them', async () => {
		const report = testReport();
		const elements = await taggedElements(await renderReportPdf(report, testCanvasPng));
		expect(texts(elements, 'H1')).toEqual(['Verslag Ontwerpsessie 1']);
		expect(texts(elements, 'H2')).toEqual([
			'Agenda zoals hij liep',
			...report.themes.map((theme) => readable(`Thema ${theme.position}: ${theme.title}`)),
			'Wat nemen deelnemers mee?',
			'Deelnemende organisaties'
		]);
		const h3 = texts(elements, 'H3');
		expect(h3.filter((text) => text === 'Ideeën')).toHaveLength(3);
		expect(h3.filter((text) => text === 'Handvatten')).toHaveLength(3);
		expect(texts(elements, 'H4').slice(0, 3)).toEqual(['Wat', 'Wie', 'Wanneer']);
		for (const role of ['P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Sect']) {
			expect(elements.some((element) => element.role === role), role).toBe(true);
		}
	});

	it('tags each canvas as a figure with its text alternative', async () => {
		const report = testReport();
		const elements = await taggedElements(await renderReportPdf(report, testCanvasPng));
		const figures = elements.filter((element) => element.role === 'Figure');
		expect(figures.map((figure) => figure.alt)).toEqual(report.themes.map((theme) => theme.canvas?.alt));
		expect(latin1(await renderReportPdf(report, testCanvasPng))).toContain('/Subtype /Image');
	});

	it('lists the ideas with the most votes first, with their votes in words', async () => {
		const report = testReport();
		const text = await pdfText(await renderReportPdf(report, testCanvasPng));
		for (const theme of report.themes) {
			const positions = theme.ideas.map((idea) => text.indexOf(readable(`${idea.text} ${votesLabel(idea.votes)}`)));
			expect(positions.every((position) => position >= 0)).toBe(true);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
		}
		expect(text).toContain('Spreek met aanbieders resultaten af in plaats van uren 9 stemmen');
		expect(text).toContain('Bespreek de cijfers elk kwartaal in een open overleg met aanbieders 1 stem');
		expect(text).toContain('Minder formulieren bij een verlenging geen stemmen');
	});

	it('groups the handvatten by Wat, Wie and Wanneer', async () => {
		const text = await pdfText(await renderReportPdf(testReport(), testCanvasPng));
		expect(text).toContain(
			readable(
				'Handvatten Wat • Resultaatafspraken opnemen in de inkoop voor 2020 • Proef met de vragenlijst voor inwoners in twee wijken ' +
					'Wie • Beleidsadviseur Wmo samen met de contractmanager • Teamleider wijkteam Noord Wanneer • Voor de start'
			)
		);
	});

	it('names who shared a take-away only as far as they agreed, and the organisations with their people', async () => {
		const text = await pdfText(await renderReportPdf(testReport(), testCanvasPng));
		expect(text).toContain(readable('Ik ga met onze contractmanager praten over resultaatafspraken. Anna de Vries, Gemeente Utrecht'));
		expect(text).toContain(readable('Eén vraag aan inwoners zegt soms meer dan een heel rapport. Gemeente Haarlem'));
		// Shared anonymously: nothing follows the text but the next heading.
		expect(text).toContain('Meer verhalen van inwoners in de stukken voor de raad. Deelnemende organisaties');
		expect(text).toContain(readable('Aan deze sessie deden 23 mensen mee.'));
		expect(text).toContain(readable('Gemeente Utrecht Anna de Vries, Bram Jansen'));
		for (const word of ['Ayşe', 'Kılıç']) expect(text).toContain(word);
	});

	it('says in words what a report does not have', async () => {
		const report = testReport();
		const empty = testReport({
			intro: '',
			agenda: [],
			themes: report.themes.slice(0, 1).map((theme) => ({
				...theme,
				designQuestions: [],
				summary: '',
				ideas: [],
				handvatten: [],
				canvas: null
			})),
			takeaways: [],
			organisations: [],
			participantCount: 0
		});
		const text = await pdfText(await renderReportPdf(empty, testCanvasPng));
		for (const words of [
			'Geen agenda vastgelegd.',
			'Geen ontwerpvraag vastgelegd.',
			'Geen ideeën vastgelegd.',
			'Geen handvatten vastgelegd.',
			'Geen canvas voor dit thema.',
			'Geen meeneempunten gedeeld.',
			'Er zijn geen deelnemers vastgelegd voor deze sessie.',
			'Geen organisaties vastgelegd.'
		]) {
			expect(text).toContain(words);
		}
		expect(text).not.toContain('Samenvatting');
	});

	it('continues a report with 60 ideas over more pages, in vote order, inside the margins', async () => {
		const report = reportWithIdeas(60);
		const pdf = await renderReportPdf(report, testCanvasPng);
		const pages = await pdfPages(pdf);
		expect(pages.length).toBeGreaterThan(7);
		const text = pages.join(' ');
		const positions = (report.themes[0]?.ideas ?? []).map((idea) => text.indexOf(`${idea.text} ${votesLabel(idea.votes)}`));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		expect(await misplacedText(pdf)).toEqual([]);
	});

	it('breaks a long summary across pages line by line, losing no word', async () => {
		const report = testReport();
		const sentence = 'Laagdrempelig blijven en toch sturen op resultaat vraagt vertrouwen tussen gemeente en aanbieder.';
		const summary = Array.from({ length: 90 }, (_, index) => `${index + 1}. ${sentence}`).join(' ');
		const long = { ...report, themes: report.themes.map((theme, index) => (index === 0 ? { ...theme, summary } : theme)) };
		const pdf = await renderReportPdf(long, testCanvasPng);
		const text = await pdfText(pdf);
		// Page furniture (footer, running header) sits between the parts; look for each sentence.
		for (let index = 1; index <= 90; index++) expect(text).toContain(`${index}. Laagdrempelig`);
		expect(await misplacedText(pdf)).toEqual([]);
		const paragraphs = (await taggedElements(pdf)).filter((element) => element.role === 'P' && element.text.includes('Laagdrempelig blijven'));
		// One paragraph, met again on each page it continues on.
		expect(new Set(paragraphs.map((paragraph) => paragraph.page)).size).toBeGreaterThan(1);
	});

	it('draws nothing outside the content column or below the bottom margin', async () => {
		expect(await misplacedText(await renderReportPdf(testReport(), testCanvasPng))).toEqual([]);
	});

	it('embeds its fonts and is a tagged Dutch document that shows its title', async () => {
		const pdf = await renderReportPdf(testReport(), testCanvasPng);
		const raw = latin1(pdf);
		expect(raw).toContain('/FontFile2');
		// A font pdfkit did not embed (its default Helvetica) would be named without a file.
		expect(raw).not.toContain('/Helvetica');
		expect(raw).toContain('/StructTreeRoot');
		expect(raw).toContain('/Lang (nl-NL)');
		expect(raw).toContain('/DisplayDocTitle true');
		const { info } = await getMeta(await getDocumentProxy(pdf.slice()));
		expect(info).toMatchObject({ Title: 'Verslag Ontwerpsessie 1', Language: 'nl-NL' });
	});

	it('renders the same report to the same bytes', async () => {
		const first = await renderReportPdf(testReport(), testCanvasPng);
		const second = await renderReportPdf(testReport(), testCanvasPng);
		expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
		const later = await renderReportPdf(testReport({ generatedAt: '2019-10-02T09:00:00+02:00' }), testCanvasPng);
		expect(Buffer.from(first).equals(Buffer.from(later))).toBe(false);
	});

	it('renders page 1 as an A4 page with ink on it', async () => {
		const png = await renderPage(await renderReportPdf(testReport(), testCanvasPng), 1, 'report-pdf-page-1.png');
		const { width, height, inked } = await inkCoverage(png);
		expect(height / width).toBeCloseTo(PAGE_HEIGHT / PAGE_WIDTH, 2);
		expect(inked).toBeGreaterThan(0.005);
	});
});

describe('renderPublicationPdf', () => {
	it('brings the sessions together per theme', async () => {
		const publication = testPublication();
		const pdf = await renderPublicationPdf(publication, testCanvasPng);
		const elements = await taggedElements(pdf);
		expect(texts(elements, 'H1')).toEqual([readable(`Publicatie ${publication.event.title}`)]);
		expect(texts(elements, 'H2')).toEqual([
			'De sessies',
			...publication.themes.map((theme) => readable(`Thema ${theme.position}: ${theme.title}`)),
			'Wat nemen deelnemers mee?',
			'Deelnemende organisaties'
		]);
		expect(texts(elements, 'H3').filter((text) => text === 'Hoe de ontwerpvraag zich ontwikkelde')).toHaveLength(3);
		const figures = elements.filter((element) => element.role === 'Figure');
		const canvases = publication.themes.flatMap((theme) => theme.sessions.flatMap((session) => (session.canvas ? [session.canvas.alt] : [])));
		expect(figures.map((figure) => figure.alt)).toEqual(canvases);
		expect(canvases).toHaveLength(5);

		const text = await pdfText(pdf);
		expect(text).toContain(readable('Ontwerpsessie 1 26 september 2019 23'));
		expect(text).toContain(readable('Ontwerpsessie 2 31 oktober 2019 18'));
		expect(text).toContain(readable('De ideeën uit Ontwerpsessie 2, met de meeste stemmen bovenaan.'));
		expect(text).toContain(readable('Eén resultaatafspraak per aanbieder: de inwoner kan weer meedoen 11 stemmen'));
		// The first session's ideas on theme 1 were superseded by the second's.
		expect(text).not.toContain('Spreek met aanbieders resultaten af in plaats van uren');
		for (const word of ['Łukasz', 'Dvo']) expect(text).toContain(word);
		expect(await misplacedText(pdf)).toEqual([]);
	});

	it('shows how each design question developed, session by session', async () => {
		const text = await pdfText(await renderPublicationPdf(testPublication(), testCanvasPng));
		expect(text).toContain(
			readable(
				'Hoe de ontwerpvraag zich ontwikkelde Ontwerpsessie 1 • Hoe houden we ondersteuning laagdrempelig en flexibel voor inwoners'
			)
		);
		expect(text).toContain(readable('Ontwerpsessie 2 • Welke resultaatafspraak maken we in de inkoop van 2020'));
	});

	it('renders the same publication to the same bytes', async () => {
		const first = await renderPublicationPdf(testPublication(), testCanvasPng);
		const second = await renderPublicationPdf(testPublication(), testCanvasPng);
		expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
	});

	it('renders page 1 as an A4 page with ink on it', async () => {
		const png = await renderPage(await renderPublicationPdf(testPublication(), testCanvasPng), 1, 'publication-pdf-page-1.png');
		const { width, height, inked } = await inkCoverage(png);
		expect(height / width).toBeCloseTo(PAGE_HEIGHT / PAGE_WIDTH, 2);
		expect(inked).toBeGreaterThan(0.005);
	});
});
