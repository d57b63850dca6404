import { MAX_INTRO_LENGTH, MAX_QUESTION_LENGTH, MAX_QUESTIONS, MAX_SUMMARY_LENGTH, reportEditsSchema, type ReportEdits } from '$lib/reports/report-edits';
import type { ReportDraft } from './reports';

// The report editor's form (/beheer/<event>/verslagen/<n>) read into edits, with a Dutch message
// per field (checked against the stored shape, reportEditsSchema, before it is saved). Field names:
//   inleiding                      the introduction
//   vragen-<themeId>               design questions, one per line
//   samenvatting-<themeId>         the organizer's summary of the theme
//   notitie                        `<themeId>|<noteId>` for every idea and handvat listed
//   opnemen                        `<themeId>|<noteId>` for those kept in the report
//   meenemer / meenemer-opnemen    participant ids of the shared take-aways listed / kept

export type ReportFormErrors = Record<string, string>;

export type ReportFormResult =
	| { ok: true; edits: ReportEdits }
	/** `kept` and `keptTakeaways`: the boxes as ticked, to show them so again. */
	| { ok: false; errors: ReportFormErrors; values: Record<string, string>; kept: string[]; keptTakeaways: string[] };

/** What the report being edited has: per theme its notes and proposed questions, and the shared take-aways. */
export interface ReportFormTarget {
	themes: { id: string; noteIds: ReadonlySet<string>; generatedQuestions: string[] }[];
	takeawayIds: ReadonlySet<string>;
	/** What is stored: kept for whatever the form does not carry (a theme added since the page loaded). */
	stored: ReportEdits;
}

/** What the editor's form of `draft` may name: every note and take-away it lists, with nothing left out. */
export function formTargetOf(draft: ReportDraft): ReportFormTarget {
	return {
		themes: draft.complete.themes.map((theme) => ({
			id: theme.themeId,
			noteIds: new Set([...theme.ideas, ...theme.handvatten, ...(draft.questionNotes.get(theme.themeId) ?? [])].map((note) => note.id)),
			generatedQuestions: draft.generatedQuestions.get(theme.themeId) ?? []
		})),
		takeawayIds: new Set(draft.complete.takeaways.flatMap((takeaway) => (takeaway.participantId ? [takeaway.participantId] : []))),
		stored: draft.stored.edits
	};
}

/** Longest note id the stored edits take; a canvas record with a longer one cannot be left out. */
const MAX_NOTE_ID = 200;

const BROKEN = 'Het formulier kwam niet goed aan. Laad de pagina opnieuw en probeer het nog eens.';

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '';
}

function all(form: FormData, name: string): string[] {
	return form.getAll(name).filter((value): value is string => typeof value === 'string');
}

/**
 * Reads the editor's form for `target`. Questions left as the canvas proposed them stay linked
 * to the canvas (stored as null), so a later change on the canvas still reaches the report. Only
 * notes and take-aways the report has can be left out; anything else in the form is ignored.
 */
export function readReportForm(form: FormData, target: ReportFormTarget): ReportFormResult {
	const errors: ReportFormErrors = {};
	const values: Record<string, string> = {};

	const intro = text(form, 'inleiding').trim();
	values['inleiding'] = intro;
	if (intro.length > MAX_INTRO_LENGTH) errors['inleiding'] = `De inleiding is te lang: maximaal ${MAX_INTRO_LENGTH} tekens (nu ${intro.length}).`;

	const listed = new Set(all(form, 'notitie'));
	const kept = new Set(all(form, 'opnemen'));

	const themes: ReportEdits['themes'] = {};
	for (const { id: themeId, noteIds, generatedQuestions } of target.themes) {
		const questionsField = `vragen-${themeId}`;
		const summaryField = `samenvatting-${themeId}`;
		const questionsText = text(form, questionsField);
		const summary = text(form, summaryField).trim();
		values[questionsField] = questionsText;
		values[summaryField] = summary;
		const stored = target.stored.themes[themeId];
		const storedHidden = new Set(stored?.hiddenNotes ?? []);
		// A note the form did not list keeps what is stored for it.
		const hiddenNotes = [...noteIds].filter((noteId) =>
			noteId.length <= MAX_NOTE_ID && (listed.has(`${themeId}|${noteId}`) ? !kept.has(`${themeId}|${noteId}`) : storedHidden.has(noteId))
		);
		if (form.get(questionsField) === null && form.get(summaryField) === null) {
			themes[themeId] = { designQuestions: stored?.designQuestions ?? null, summary: stored?.summary ?? '', hiddenNotes };
			continue;
		}

		const questions = questionsText
			.split('\n')
			.map((line) => line.replace(/\s+/g, ' ').trim())
			.filter((line) => line !== '');
		const asGenerated =
			questions.length === generatedQuestions.length && questions.every((question, index) => question === generatedQuestions[index]);
		// What the canvas proposed is taken as it is; the limits are for what the organizer types.
		const questionsError = asGenerated ? undefined : questionsProblem(questions);
		if (questionsError) errors[questionsField] = questionsError;
		if (summary.length > MAX_SUMMARY_LENGTH) {
			errors[summaryField] = `De samenvatting is te lang: maximaal ${MAX_SUMMARY_LENGTH} tekens (nu ${summary.length}).`;
		}

		themes[themeId] = {
			designQuestions: asGenerated ? null : questions,
			summary,
			hiddenNotes
		};
	}

	const listedTakeaways = new Set(all(form, 'meenemer'));
	const keptTakeaways = new Set(all(form, 'meenemer-opnemen'));
	const storedHiddenTakeaways = new Set(target.stored.hiddenTakeaways);
	const hiddenTakeaways = [...target.takeawayIds].filter((id) => (listedTakeaways.has(id) ? !keptTakeaways.has(id) : storedHiddenTakeaways.has(id)));

	if (Object.keys(errors).length > 0) return { ok: false, errors, values, kept: [...kept], keptTakeaways: [...keptTakeaways] };
	// The limits of what is stored (a canvas with thousands of notes left out) hold here too.
	const edits = reportEditsSchema.safeParse({ intro, themes, hiddenTakeaways });
	if (!edits.success) return { ok: false, errors: { formulier: BROKEN }, values, kept: [...kept], keptTakeaways: [...keptTakeaways] };
	return { ok: true, edits: edits.data };
}

function questionsProblem(questions: string[]): string | undefined {
	if (questions.length > MAX_QUESTIONS) return `Hoogstens ${MAX_QUESTIONS} ontwerpvragen, één per regel (nu ${questions.length}).`;
	const long = questions.findIndex((question) => question.length > MAX_QUESTION_LENGTH);
	return long >= 0 ? `Ontwerpvraag ${long + 1} is te lang: maximaal ${MAX_QUESTION_LENGTH} tekens.` : undefined;
}
