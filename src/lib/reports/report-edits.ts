import { z } from 'zod';

// What the organizer changes in a generated report before publishing. Edits are kept apart from
// the generated draft, so a report can be regenerated (a late vote, a note fixed on the canvas)
// without losing them; only what the organizer typed or left out is stored.

export const MAX_INTRO_LENGTH = 4000;
export const MAX_SUMMARY_LENGTH = 4000;
export const MAX_QUESTION_LENGTH = 300;
export const MAX_QUESTIONS = 10;

export const themeEditsSchema = z.object({
	/** Null: the questions found on the canvas. A list (possibly empty): the organizer's own. */
	designQuestions: z.array(z.string().trim().min(1).max(MAX_QUESTION_LENGTH)).max(MAX_QUESTIONS).nullable().default(null),
	summary: z.string().trim().max(MAX_SUMMARY_LENGTH).default(''),
	/** Note ids (`shape:…`) of ideas and handvatten left out of the report. */
	hiddenNotes: z.array(z.string().max(200)).max(20_000).default([])
});

export const reportEditsSchema = z.object({
	intro: z.string().trim().max(MAX_INTRO_LENGTH).default(''),
	/** By theme id. */
	themes: z.record(z.uuid(), themeEditsSchema).default({}),
	/** Session participant ids whose shared take-away is left out. */
	hiddenTakeaways: z.array(z.uuid()).max(20_000).default([])
});

export type ThemeEdits = z.infer<typeof themeEditsSchema>;
export type ReportEdits = z.infer<typeof reportEditsSchema>;

export const NO_EDITS: ReportEdits = { intro: '', themes: {}, hiddenTakeaways: [] };

/** Edits as stored, read defensively: a row that does not fit counts as no edits rather than failing the page. */
export function readEdits(stored: unknown): ReportEdits {
	const parsed = reportEditsSchema.safeParse(stored);
	return parsed.success ? parsed.data : NO_EDITS;
}
