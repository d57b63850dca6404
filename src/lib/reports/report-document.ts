import { z } from 'zod';

// A session report as it is shown, printed and published: built on the server from the agenda's
// runs, the canvases' snapshots, the votes and the shared take-aways, with the organizer's edits
// applied (see src/lib/server/reports/). Published reports are stored as this JSON, frozen, so
// what participants read does not change when a canvas does; the schema reads them back.

const isoInstant = z.iso.datetime({ offset: true });

/** One item of the agenda: planned times, and when it actually ran (null when it was skipped). */
export const reportAgendaItemSchema = z.object({
	title: z.string(),
	kind: z.enum(['plenary', 'breakout', 'break']),
	plannedStart: isoInstant,
	plannedEnd: isoInstant,
	actualStart: isoInstant.nullable(),
	actualEnd: isoInstant.nullable()
});

/** A sticky note that is an idea, with its dot votes; `column` is the frame it sits in, if any. */
export const reportIdeaSchema = z.object({
	id: z.string(),
	text: z.string(),
	votes: z.number().int().min(0),
	column: z.string().nullable()
});

/** A step for one's own organisation, from the "handvatten" technique (Wat, Wie, Wanneer). */
export const reportHandvatSchema = z.object({
	/** The note's id (`shape:…`), so the organizer can leave it out. */
	id: z.string(),
	column: z.string(),
	text: z.string()
});

/** The theme canvas as a picture, from the session's snapshot (or its current state before closing). */
export const reportCanvasSchema = z.object({
	svg: z.string(),
	width: z.number().positive(),
	height: z.number().positive(),
	/** The text alternative: what is on the canvas, in words. */
	alt: z.string(),
	source: z.enum(['snapshot', 'current'])
});

export const reportThemeSchema = z.object({
	themeId: z.uuid(),
	position: z.number().int().positive(),
	title: z.string(),
	designQuestions: z.array(z.string()),
	/** The organizer's own words about this theme; empty when none. */
	summary: z.string(),
	/** Top-voted first. */
	ideas: z.array(reportIdeaSchema),
	handvatten: z.array(reportHandvatSchema),
	canvas: reportCanvasSchema.nullable()
});

/** A shared take-away; the name only of someone who agreed to be on the participant list. */
export const reportTakeawaySchema = z.object({
	/** Whose it is (a session participant), so it can be left out, or taken out when they are forgotten. */
	participantId: z.uuid().nullable(),
	text: z.string(),
	name: z.string().nullable(),
	organisation: z.string().nullable()
});

/** A participating organisation; `people` only those who agreed to be named. */
export const reportOrganisationSchema = z.object({
	name: z.string(),
	people: z.array(z.string())
});

export const reportDocumentSchema = z.object({
	version: z.literal(1),
	event: z.object({ slug: z.string(), title: z.string() }),
	session: z.object({
		id: z.uuid(),
		position: z.number().int().positive(),
		title: z.string(),
		startsAt: isoInstant,
		endsAt: isoInstant,
		venue: z.string().nullable()
	}),
	/** The organizer's introduction; empty when none. */
	intro: z.string(),
	agenda: z.array(reportAgendaItemSchema),
	themes: z.array(reportThemeSchema),
	takeaways: z.array(reportTakeawaySchema),
	organisations: z.array(reportOrganisationSchema),
	participantCount: z.number().int().min(0),
	/**
	 * The action plan's columns in the technique's order (Wat, Wie, Wanneer), so the publication
	 * can order handvatten of sessions that each filled only some columns. Empty in copies
	 * published before it was kept.
	 */
	handvatColumns: z.array(z.string()).default([]),
	generatedAt: isoInstant
});

export type ReportAgendaItem = z.infer<typeof reportAgendaItemSchema>;
export type ReportIdea = z.infer<typeof reportIdeaSchema>;
export type ReportHandvat = z.infer<typeof reportHandvatSchema>;
export type ReportCanvas = z.infer<typeof reportCanvasSchema>;
export type ReportTheme = z.infer<typeof reportThemeSchema>;
export type ReportTakeaway = z.infer<typeof reportTakeawaySchema>;
export type ReportOrganisation = z.infer<typeof reportOrganisationSchema>;
export type ReportDocument = z.infer<typeof reportDocumentSchema>;

/** What a reader's browser gets of a canvas: the picture itself is fetched as a file. */
export type ReaderCanvas = Omit<ReportCanvas, 'svg'>;
export type ReaderTakeaway = Omit<ReportTakeaway, 'participantId'>;
export type ReaderTheme = Omit<ReportTheme, 'canvas'> & { canvas: ReaderCanvas | null };

/** A report as pages send it to the browser: no canvas markup (the `<img>` loads it), no participant ids. */
export type ReaderReport = Omit<ReportDocument, 'themes' | 'takeaways'> & { themes: ReaderTheme[]; takeaways: ReaderTakeaway[] };

export function readerCanvas(canvas: ReportCanvas | null): ReaderCanvas | null {
	if (!canvas) return null;
	const { svg: _, ...rest } = canvas;
	return rest;
}

export function readerTakeaway({ participantId: _, ...rest }: ReportTakeaway): ReaderTakeaway {
	return rest;
}

export function forReaders(report: ReportDocument): ReaderReport {
	return {
		...report,
		themes: report.themes.map((theme) => ({ ...theme, canvas: readerCanvas(theme.canvas) })),
		takeaways: report.takeaways.map(readerTakeaway)
	};
}
