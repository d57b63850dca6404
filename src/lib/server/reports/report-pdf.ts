import { formatDate, isoDate } from '$lib/format/nl';
import type { PublicationDocument, PublicationTheme } from '$lib/reports/publication';
import type {
	ReaderTakeaway,
	ReportAgendaItem,
	ReportCanvas,
	ReportDocument,
	ReportHandvat,
	ReportIdea,
	ReportOrganisation,
	ReportTheme
} from '$lib/reports/report-document';
import { actualTimes, handvatGroups, timeRange, votesLabel } from '$lib/reports/report-format';
import type { DetailRow } from '../invoicing/pdf/detail-list';
import { CONTENT_WIDTH, mm } from '../invoicing/pdf/layout';
import type { TableColumn, TableRow } from '../invoicing/pdf/line-table';
import { drawPageFooters } from '../invoicing/pdf/page-footer';
import { createPdf, finishPdf } from '../invoicing/pdf/pdf-document';
import { REPORT_TEXT, ReportPdfWriter, type FigureContent, type ListEntry } from './report-pdf-blocks';

/** Turns a canvas into a PNG; the caller decides how (see canvas-png.ts), the tests pass a stub. */
export type CanvasPng = (canvas: ReportCanvas) => Uint8Array;

/** Page 1 has no letterhead: the title starts where a continuation page's header would be. */
const FIRST_PAGE_TOP = mm(18);

const AGENDA_COLUMNS: TableColumn[] = [
	{ header: 'Onderdeel', width: CONTENT_WIDTH - mm(70), align: 'left' },
	{ header: 'Gepland', width: mm(35), align: 'left' },
	{ header: 'Werkelijk', width: mm(35), align: 'left' }
];

function agendaRows(agenda: ReportAgendaItem[]): TableRow[] {
	return agenda.map((item) => [
		{ text: item.title },
		{ text: timeRange(item.plannedStart, item.plannedEnd) },
		{ text: actualTimes(item) }
	]);
}

function ideaEntries(ideas: ReportIdea[]): ListEntry[] {
	return ideas.map((idea) => ({ text: idea.text, aside: votesLabel(idea.votes) }));
}

function canvasFigure(canvas: ReportCanvas, canvasPng: CanvasPng, caption: string): FigureContent {
	return { png: canvasPng(canvas), alt: canvas.alt, caption };
}

/** `zoals het was aan het eind van de sessie` or, before the session was closed, as it is now. */
function canvasMoment(canvas: ReportCanvas): string {
	return canvas.source === 'snapshot'
		? 'zoals het was aan het eind van de sessie.'
		: 'zoals het er nu uitziet. De sessie is nog niet afgesloten.';
}

function writeIdeas(writer: ReportPdfWriter, ideas: ReportIdea[], heading: string, intro: string): void {
	// The heading and its introduction stay with the first two ideas.
	const firstIdeas = writer.lines(2) + mm(3);
	writer.heading(3, heading, writer.lines(1) + mm(3) + firstIdeas);
	if (ideas.length === 0) {
		writer.paragraph('Geen ideeën vastgelegd.');
		return;
	}
	writer.paragraph(intro, REPORT_TEXT.body, firstIdeas);
	writer.list(ideaEntries(ideas), true);
}

function writeHandvatten(writer: ReportPdfWriter, handvatten: ReportHandvat[]): void {
	writer.heading(3, 'Handvatten');
	if (handvatten.length === 0) {
		writer.paragraph('Geen handvatten vastgelegd.');
		return;
	}
	// In the technique's column order already (sortNotes): Wat, Wie, Wanneer.
	for (const group of handvatGroups(handvatten)) {
		writer.heading(4, group.column);
		writer.list(group.texts.map((text) => ({ text })));
	}
}

function writeDesignQuestions(writer: ReportPdfWriter, questions: string[]): void {
	if (questions.length === 0) writer.paragraph('Geen ontwerpvraag vastgelegd.');
	else writer.list(questions.map((text) => ({ text })));
}

function writeReportTheme(writer: ReportPdfWriter, theme: ReportTheme, canvasPng: CanvasPng): void {
	writer.section(() => {
		writer.heading(2, `Thema ${theme.position}: ${theme.title}`, writer.lines(4));
		writer.heading(3, theme.designQuestions.length > 1 ? 'Ontwerpvragen' : 'Ontwerpvraag');
		writeDesignQuestions(writer, theme.designQuestions);
		if (theme.summary.trim()) {
			writer.heading(3, 'Samenvatting');
			writer.paragraphs(theme.summary);
		}
		writeIdeas(writer, theme.ideas, 'Ideeën', 'Met de meeste stemmen bovenaan.');
		writeHandvatten(writer, theme.handvatten);
		if (theme.canvas) {
			const figure = canvasFigure(theme.canvas, canvasPng, `Het canvas van thema ${theme.position}, ${canvasMoment(theme.canvas)}`);
			writer.heading(3, 'Canvas', writer.measureFigure(figure));
			writer.figure(figure);
		} else {
			writer.heading(3, 'Canvas');
			writer.paragraph('Geen canvas voor dit thema.');
		}
	});
}

function writeTakeaways(writer: ReportPdfWriter, takeaways: ReaderTakeaway[]): void {
	if (takeaways.length === 0) {
		writer.paragraph('Geen meeneempunten gedeeld.');
		return;
	}
	writer.list(
		takeaways.map((takeaway) => {
			const by = [takeaway.name, takeaway.organisation].filter((part) => part !== null && part.trim() !== '').join(', ');
			return by ? { text: takeaway.text, detail: by } : { text: takeaway.text };
		})
	);
}

function writeOrganisations(writer: ReportPdfWriter, organisations: ReportOrganisation[]): void {
	if (organisations.length === 0) {
		writer.paragraph('Geen organisaties vastgelegd.');
		return;
	}
	writer.list(
		organisations.map((organisation) =>
			organisation.people.length > 0 ? { text: organisation.name, detail: organisation.people.join(', ') } : { text: organisation.name }
		)
	);
}

function participantSentence(count: number, subject: string): string {
	if (count === 0) return `Er zijn geen deelnemers vastgelegd voor ${subject}.`;
	return count === 1 ? `Aan ${subject} deed 1 persoon mee.` : `Aan ${subject} deden ${count} mensen mee.`;
}

function sessionDetails(report: ReportDocument): DetailRow[] {
	const { session } = report;
	const rows: DetailRow[] = [
		{ label: 'Datum', value: formatDate(new Date(session.startsAt)) },
		{ label: 'Tijd', value: timeRange(session.startsAt, session.endsAt) }
	];
	if (session.venue) rows.push({ label: 'Plaats', value: session.venue });
	rows.push({ label: 'Deelnemers', value: String(report.participantCount) });
	return rows;
}

/**
 * The PDF of a session report: A4, tagged (headings, paragraphs, lists, tables, canvases as
 * figures with their text alternative), fonts embedded, in Dutch, with "Pagina x van y" on every
 * page. Text continues over pages line by line; a canvas goes to the next page whole. The same
 * report always gives the same bytes: the creation date is the report's own.
 */
export async function renderReportPdf(report: ReportDocument, canvasPng: CanvasPng): Promise<Uint8Array> {
	const { event, session } = report;
	const title = `Verslag ${session.title}`;
	const date = formatDate(new Date(session.startsAt));
	const context = createPdf({
		title,
		author: event.title,
		subject: `${title} van ${date}, ${event.title}`,
		issueDate: isoDate(new Date(report.generatedAt))
	});
	const writer = new ReportPdfWriter(context, FIRST_PAGE_TOP, `${title}, ${date}`);

	writer.heading(1, title, 0);
	writer.paragraph(event.title, REPORT_TEXT.subtitle);
	writer.details(sessionDetails(report));
	if (report.intro.trim()) writer.paragraphs(report.intro);

	writer.heading(2, 'Agenda zoals hij liep', writer.lines(4));
	if (report.agenda.length === 0) writer.paragraph('Geen agenda vastgelegd.');
	else writer.table(AGENDA_COLUMNS, agendaRows(report.agenda));

	if (report.themes.length === 0) {
		writer.heading(2, "Thema's");
		writer.paragraph("Geen thema's vastgelegd.");
	}
	for (const theme of report.themes) writeReportTheme(writer, theme, canvasPng);

	writer.heading(2, 'Wat nemen deelnemers mee?');
	writeTakeaways(writer, report.takeaways);

	writer.heading(2, 'Deelnemende organisaties');
	writer.paragraph(participantSentence(report.participantCount, 'deze sessie'));
	writeOrganisations(writer, report.organisations);

	drawPageFooters(context, [`${title} · ${event.title} · ${date}`]);
	return finishPdf(context);
}

const SESSION_COLUMNS: TableColumn[] = [
	{ header: 'Sessie', width: CONTENT_WIDTH - mm(75), align: 'left' },
	{ header: 'Datum', width: mm(45), align: 'left' },
	{ header: 'Deelnemers', width: mm(30), align: 'right' }
];

function writePublicationTheme(writer: ReportPdfWriter, theme: PublicationTheme, canvasPng: CanvasPng): void {
	writer.section(() => {
		writer.heading(2, `Thema ${theme.position}: ${theme.title}`, writer.lines(4));
		writer.heading(3, 'Hoe de ontwerpvraag zich ontwikkelde');
		for (const session of theme.sessions) {
			writer.heading(4, session.sessionTitle);
			writeDesignQuestions(writer, session.designQuestions);
			if (session.summary.trim()) writer.paragraphs(session.summary);
		}
		const from = theme.finalIdeasFrom;
		writeIdeas(writer, theme.finalIdeas, 'De ideeën', `De ideeën uit ${from ?? 'de laatste sessie'}, met de meeste stemmen bovenaan.`);
		writeHandvatten(writer, theme.handvatten);
		// The caption names the session, so the canvases need no headings of their own.
		const figures = theme.sessions.flatMap((session) =>
			session.canvas ? [canvasFigure(session.canvas, canvasPng, `Het canvas van ${session.sessionTitle}, ${canvasMoment(session.canvas)}`)] : []
		);
		const [firstFigure] = figures;
		writer.heading(3, figures.length > 1 ? 'De canvassen' : 'Het canvas', firstFigure ? writer.measureFigure(firstFigure) : undefined);
		if (figures.length === 0) writer.paragraph('Geen canvas vastgelegd.');
		for (const figure of figures) writer.figure(figure);
	});
}

/** The take-aways of each session under its own heading, sessions in order. */
function takeawaysBySession(publication: PublicationDocument): { sessionTitle: string; takeaways: ReaderTakeaway[] }[] {
	const groups: { sessionTitle: string; takeaways: ReaderTakeaway[] }[] = [];
	for (const takeaway of publication.takeaways) {
		const last = groups.at(-1);
		if (last && last.sessionTitle === takeaway.sessionTitle) last.takeaways.push(takeaway);
		else groups.push({ sessionTitle: takeaway.sessionTitle, takeaways: [takeaway] });
	}
	return groups;
}

/** A publication has no date of its own; the day of its last session stands in, so its bytes never change. */
function publicationDate(publication: PublicationDocument): string {
	const last = publication.sessions.at(-1);
	return last ? isoDate(new Date(last.startsAt)) : '1970-01-01';
}

/**
 * The PDF of the programme's publication: the sessions, then per theme how the design question
 * developed, the final ideas, the handvatten and each session's canvas, then everyone's
 * take-aways and the organisations. Tagged and laid out like the session report.
 */
export async function renderPublicationPdf(publication: PublicationDocument, canvasPng: CanvasPng): Promise<Uint8Array> {
	const { event } = publication;
	const title = `Publicatie ${event.title}`;
	const context = createPdf({
		title,
		author: event.title,
		subject: `De uitkomsten van ${event.title}, per thema`,
		issueDate: publicationDate(publication)
	});
	const writer = new ReportPdfWriter(context, FIRST_PAGE_TOP, title);

	writer.heading(1, title, 0);
	writer.paragraph('Wat de ontwerpsessies opleverden, per thema bij elkaar gebracht.', REPORT_TEXT.subtitle);

	writer.heading(2, 'De sessies');
	if (publication.sessions.length === 0) writer.paragraph('Nog geen verslagen gepubliceerd.');
	else {
		writer.table(
			SESSION_COLUMNS,
			publication.sessions.map((session) => [
				{ text: session.title },
				{ text: formatDate(new Date(session.startsAt)) },
				{ text: String(session.participantCount) }
			])
		);
	}

	if (publication.themes.length === 0) {
		writer.heading(2, "Thema's");
		writer.paragraph("Geen thema's vastgelegd.");
	}
	for (const theme of publication.themes) writePublicationTheme(writer, theme, canvasPng);

	writer.heading(2, 'Wat nemen deelnemers mee?');
	const groups = takeawaysBySession(publication);
	if (groups.length === 0) writeTakeaways(writer, []);
	for (const group of groups) {
		writer.heading(3, group.sessionTitle);
		writeTakeaways(writer, group.takeaways);
	}

	writer.heading(2, 'Deelnemende organisaties');
	writeOrganisations(writer, publication.organisations);

	drawPageFooters(context, [title]);
	return finishPdf(context);
}
