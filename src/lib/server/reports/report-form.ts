import { z } from 'zod';
import { MAX_INTRO_LENGTH, MAX_QUESTION_LENGTH, MAX_QUESTIONS, MAX_SUMMARY_LENGTH, type ReportEdits } from '$lib/reports/report-edits';

// The report editor's form (/beheer/<event>/verslagen/<n>) read into edits, with a Dutch message
// per field. Field names:
//   inleiding                      the introduction
//   vragen-<themeId>               design questions, one per line
//   samenvatting-<themeId>         the organizer's summary of the theme
//   notitie                        `<themeId>|<noteId>` for every idea and handvat listed
//   opnemen                        `<themeId>|<noteId>` for those kept in the report
//   meenemer / meenemer-opnemen    participant ids of the shared take-aways listed / kept

export type ReportFormErrors = Record<string, string>;

export type ReportFormResult = { ok: true; edits: ReportEdits } | { ok: false; errors: ReportFormErrors; values: Record<string, string> };

const noteKeySchema = z.string().regex(/^[0-9a-f-]{36}\|shape:[A-Za-z0-9_-]{1,64}$/);
const uuidSchema = z.uuid();

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '';
}

function all(form: FormData, name: string): string[] {
	return form.getAll(name).filter((value): value is string => typeof value === 'string');
}

/**
 * Reads the editor's form for a report whose themes are `themeIds` and whose generated design
 * questions are `generatedQuestions` (by theme id): questions left as generated stay linked to
 * the canvas (stored as null), so a later change on the canvas still reaches the report.
 */
export function readReportForm(form: FormData, themeIds: string[], generatedQuestions: ReadonlyMap<string, string[]>): ReportFormResult {
	const errors: ReportFormErrors = {};
	const values: Record<string, string> = {};

	const intro = text(form, 'inleiding').trim();
	values['inleiding'] = intro;
	if (intro.length > MAX_INTRO_LENGTH) errors['inleiding'] = `De inleiding is te lang: maximaal ${MAX_INTRO_LENGTH} tekens (nu ${intro.length}).`;

	const listed = new Map<string, string[]>();
	const kept = new Set(all(form, 'opnemen'));
	for (const key of all(form, 'notitie')) {
		if (!noteKeySchema.safeParse(key).success) continue;
		const [themeId = '', noteId = ''] = key.split('|');
		listed.set(themeId, [...(listed.get(themeId) ?? []), noteId]);
	}

	const themes: ReportEdits['themes'] = {};
	for (const themeId of themeIds) {
		const questionsField = `vragen-${themeId}`;
		const summaryField = `samenvatting-${themeId}`;
		const questionsText = text(form, questionsField);
		const summary = text(form, summaryField).trim();
		values[questionsField] = questionsText;
		values[summaryField] = summary;

		const questions = questionsText
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line !== '');
		if (questions.length > MAX_QUESTIONS) {
			errors[questionsField] = `Hoogstens ${MAX_QUESTIONS} ontwerpvragen, één per regel (nu ${questions.length}).`;
		} else {
			const long = questions.findIndex((question) => question.length > MAX_QUESTION_LENGTH);
			if (long >= 0) errors[questionsField] = `Ontwerpvraag ${long + 1} is te lang: maximaal ${MAX_QUESTION_LENGTH} tekens.`;
		}
		if (summary.length > MAX_SUMMARY_LENGTH) {
			errors[summaryField] = `De samenvatting is te lang: maximaal ${MAX_SUMMARY_LENGTH} tekens (nu ${summary.length}).`;
		}

		const generated = generatedQuestions.get(themeId) ?? [];
		const asGenerated = questions.length === generated.length && questions.every((question, index) => question === generated[index]);
		themes[themeId] = {
			designQuestions: asGenerated ? null : questions,
			summary,
			hiddenNotes: (listed.get(themeId) ?? []).filter((noteId) => !kept.has(`${themeId}|${noteId}`))
		};
	}

	const keptTakeaways = new Set(all(form, 'meenemer-opnemen'));
	const hiddenTakeaways = all(form, 'meenemer').filter((id) => uuidSchema.safeParse(id).success && !keptTakeaways.has(id));

	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	return { ok: true, edits: { intro, themes, hiddenTakeaways } };
}
