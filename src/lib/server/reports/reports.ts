import { createHash } from 'node:crypto';
import type { PublicationDocument } from '$lib/reports/publication';
import type { ReportCanvas, ReportDocument } from '$lib/reports/report-document';
import type { ReportEdits } from '$lib/reports/report-edits';
import type { Sql } from '../db/database';
import { canvasState } from '../realtime/canvas-notes';
import type { CanvasRooms } from '../realtime/canvas-rooms';
import { buildReport, proposedQuestions, readCanvases, sortNotes } from './build-report';
import { svgToPng } from './canvas-png';
import { renderPublicationPdf, renderReportPdf } from './report-pdf';
import { loadReportSource, type ReportSource } from './report-source';
import { loadStoredReport, type StoredReport } from './report-store';

/** A report as the organizer works on it: the data, what is stored, and the draft built from both. */
export interface ReportDraft {
	source: ReportSource;
	stored: StoredReport;
	/** The report with the organizer's edits: what publishing would freeze. */
	report: ReportDocument;
	/** The same with nothing left out: every idea, handvat and take-away the editor can switch on or off. */
	complete: ReportDocument;
	/** The design questions the page proposes for each theme (from the question notes kept), by theme id. */
	generatedQuestions: Map<string, string[]>;
	/** The notes that hold each theme's design question, by theme id: the organizer may leave any out. */
	questionNotes: Map<string, { id: string; text: string }[]>;
}

/** PNGs kept for the last canvases drawn: a PDF and its images are often fetched together. */
const PNG_CACHE_SIZE = 24;
/** PDFs kept: a published report is the same file for everyone who downloads it. */
const PDF_CACHE_SIZE = 8;
/**
 * PDFs drawn at the same time. pdfkit draws on the event loop that also carries the live
 * sessions; beyond this, a request is asked to come back (503) rather than slowing the room.
 */
const MAX_PDF_RENDERS = 2;

/** Too many PDFs are being made right now. */
export class ReportsBusy extends Error {
	constructor() {
		super('Er worden nu veel verslagen tegelijk gemaakt. Probeer het over een minuut opnieuw.');
	}
}

/** The reports of this process: drafts built from the data (reading live canvases where loaded) and canvas images. */
export class Reports {
	readonly #pngs = new Map<string, Uint8Array>();
	readonly #pdfs = new Map<string, Uint8Array>();
	#rendering = 0;

	constructor(
		private readonly sql: Sql,
		private readonly rooms: CanvasRooms
	) {}

	/** The draft of session `position` of the event `slug`; null when there is no such session. */
	async draft(slug: string, position: number): Promise<ReportDraft | null> {
		const source = await loadReportSource(this.sql, slug, position, (canvasId) => canvasState(this.sql, this.rooms, canvasId));
		if (!source) return null;
		const stored = await loadStoredReport(this.sql, source.session.id);
		return draftOf(source, stored, new Date());
	}

	/** A canvas picture as PNG, for the PDF and the download. */
	async canvasPng(canvas: ReportCanvas): Promise<Uint8Array> {
		const key = createHash('sha256').update(canvas.svg).digest('base64url');
		const cached = this.#pngs.get(key);
		if (cached) return cached;
		const png = await svgToPng(canvas.svg);
		remember(this.#pngs, key, png, PNG_CACHE_SIZE);
		return png;
	}

	/** The report as a PDF, its canvases rendered first; throws {@link ReportsBusy} when too many are being made. */
	reportPdf(report: ReportDocument, options: { keep?: boolean } = {}): Promise<Uint8Array> {
		const render = async () => renderReportPdf(report, await this.pngsFor(report.themes.map((theme) => theme.canvas)));
		return this.#pdf(report, render, options.keep ?? true);
	}

	/** The publication as a PDF, every session's canvases rendered first; throws {@link ReportsBusy} when too many are being made. */
	publicationPdf(publication: PublicationDocument): Promise<Uint8Array> {
		const canvases = publication.themes.flatMap((theme) => theme.sessions.map((session) => session.canvas));
		return this.#pdf(publication, async () => renderPublicationPdf(publication, await this.pngsFor(canvases)), true);
	}

	/** `keep`: remember the file (a published report); a draft, different each time, would only push those out. */
	async #pdf(document: ReportDocument | PublicationDocument, render: () => Promise<Uint8Array>, keep: boolean): Promise<Uint8Array> {
		const key = createHash('sha256').update(JSON.stringify(document)).digest('base64url');
		const cached = this.#pdfs.get(key);
		if (cached) return cached;
		if (this.#rendering >= MAX_PDF_RENDERS) throw new ReportsBusy();
		this.#rendering++;
		try {
			const pdf = await render();
			if (keep) remember(this.#pdfs, key, pdf, PDF_CACHE_SIZE);
			return pdf;
		} finally {
			this.#rendering--;
		}
	}

	/** Every canvas's PNG rendered ahead, for a PDF (whose drawing cannot wait); unknown canvases throw. */
	async pngsFor(canvases: (ReportCanvas | null)[]): Promise<(canvas: ReportCanvas) => Uint8Array> {
		const rendered = new Map<string, Uint8Array>();
		for (const canvas of canvases) if (canvas && !rendered.has(canvas.svg)) rendered.set(canvas.svg, await this.canvasPng(canvas));
		return (canvas) => {
			const png = rendered.get(canvas.svg);
			if (!png) throw new Error('a canvas the PDF draws was not rendered ahead');
			return png;
		};
	}
}

/** Keeps `value` under `key`, forgetting the oldest beyond `size`. */
function remember(cache: Map<string, Uint8Array>, key: string, value: Uint8Array, size: number): void {
	cache.set(key, value);
	if (cache.size > size) cache.delete(cache.keys().next().value!);
}

/** A draft from what was read: the report with the edits, the same with nothing left out, and the proposed questions. */
export function draftOf(source: ReportSource, stored: StoredReport, now: Date): ReportDraft {
	const canvases = readCanvases(source);
	const report = buildReport(source, stored.edits, now, canvases);
	const everything: ReportEdits = {
		...stored.edits,
		themes: Object.fromEntries(Object.entries(stored.edits.themes).map(([id, theme]) => [id, { ...theme, hiddenNotes: [] }])),
		hiddenTakeaways: []
	};
	const complete = buildReport(source, everything, now, canvases);
	// The question notes of each theme, and the questions they propose with what is left out now
	// (what the page shows when the organizer typed none).
	const questionNotes = new Map(
		source.themes.map((theme) => [
			theme.id,
			sortNotes(canvases.get(theme.id)?.notes ?? [], source.noteKinds, theme.canvasId ? source.votes.get(theme.canvasId) : undefined).questionNotes
		])
	);
	return {
		source,
		stored,
		report,
		complete,
		generatedQuestions: new Map(
			source.themes.map((theme) => [
				theme.id,
				proposedQuestions(questionNotes.get(theme.id) ?? [], new Set(stored.edits.themes[theme.id]?.hiddenNotes ?? []))
			])
		),
		questionNotes
	};
}
