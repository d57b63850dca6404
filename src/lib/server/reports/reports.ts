import { createHash } from 'node:crypto';
import type { PublicationDocument } from '$lib/reports/publication';
import type { ReportCanvas, ReportDocument } from '$lib/reports/report-document';
import { NO_EDITS, type ReportEdits } from '$lib/reports/report-edits';
import type { Sql } from '../db/database';
import { canvasState } from '../realtime/canvas-notes';
import type { CanvasRooms } from '../realtime/canvas-rooms';
import { buildReport, readCanvases } from './build-report';
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
	/** The design questions as found on each theme's canvas, by theme id. */
	generatedQuestions: Map<string, string[]>;
}

/** PNGs kept for the last canvases drawn: a PDF and its images are often fetched together. */
const PNG_CACHE_SIZE = 24;

/** The reports of this process: drafts built from the data (reading live canvases where loaded) and canvas images. */
export class Reports {
	readonly #pngs = new Map<string, Uint8Array>();

	constructor(
		private readonly sql: Sql,
		private readonly rooms: CanvasRooms
	) {}

	/** The draft of session `position` of the event `slug`; null when there is no such session. */
	async draft(slug: string, position: number, now = new Date()): Promise<ReportDraft | null> {
		const source = await loadReportSource(this.sql, slug, position, (canvasId) => canvasState(this.sql, this.rooms, canvasId));
		if (!source) return null;
		const stored = await loadStoredReport(this.sql, source.session.id);
		return draftOf(source, stored, now);
	}

	/** A canvas picture as PNG, for the PDF and the download. */
	async canvasPng(canvas: ReportCanvas): Promise<Uint8Array> {
		const key = createHash('sha256').update(canvas.svg).digest('base64url');
		const cached = this.#pngs.get(key);
		if (cached) return cached;
		const png = await svgToPng(canvas.svg);
		this.#pngs.set(key, png);
		if (this.#pngs.size > PNG_CACHE_SIZE) this.#pngs.delete(this.#pngs.keys().next().value!);
		return png;
	}

	/** The report as a PDF, its canvases rendered first. */
	async reportPdf(report: ReportDocument): Promise<Uint8Array> {
		return renderReportPdf(report, await this.pngsFor(report.themes.map((theme) => theme.canvas)));
	}

	/** The publication as a PDF, every session's canvases rendered first. */
	async publicationPdf(publication: PublicationDocument): Promise<Uint8Array> {
		const canvases = publication.themes.flatMap((theme) => theme.sessions.map((session) => session.canvas));
		return renderPublicationPdf(publication, await this.pngsFor(canvases));
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

export function draftOf(source: ReportSource, stored: StoredReport, now: Date): ReportDraft {
	const canvases = readCanvases(source);
	const report = buildReport(source, stored.edits, now, canvases);
	const everything: ReportEdits = {
		...stored.edits,
		themes: Object.fromEntries(Object.entries(stored.edits.themes).map(([id, theme]) => [id, { ...theme, hiddenNotes: [] }])),
		hiddenTakeaways: []
	};
	const complete = buildReport(source, everything, now, canvases);
	const generated = buildReport(source, NO_EDITS, now, canvases);
	return {
		source,
		stored,
		report,
		complete,
		generatedQuestions: new Map(generated.themes.map((theme) => [theme.themeId, theme.designQuestions]))
	};
}
