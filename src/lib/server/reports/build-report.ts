import * as Y from 'yjs';
import type { ReportEdits } from '$lib/reports/report-edits';
import type {
	ReportAgendaItem,
	ReportCanvas,
	ReportDocument,
	ReportHandvat,
	ReportIdea,
	ReportOrganisation,
	ReportTheme
} from '$lib/reports/report-document';
import { notesOfDocument, type CanvasNote } from '../realtime/canvas-notes';
import { canvasSvg } from './canvas-image';
import type { NoteKindFrames, ReportSource, ReportSourceRun } from './report-source';

// From a session's data and the organizer's edits to the report as shown, printed and published.
// Pure apart from reading the canvas documents it is given.

/** A note that opens like the design question's form counts as one wherever it sits. */
const QUESTION_FORM = /^hoe\s+(kunnen|kan)\s+(wij|we|ik|je|jij|jullie)\b/i;

const byName = new Intl.Collator('nl-NL', { sensitivity: 'base', numeric: true });

/**
 * Each theme's canvas, decoded once: its notes, and its picture with given notes left out, drawn
 * when first asked for and kept (the report and the same with nothing left out often ask alike).
 */
export interface ReadCanvas {
	notes: CanvasNote[];
	picture(omit: ReadonlySet<string>): ReportCanvas | null;
}
export type ReadCanvases = Map<string, ReadCanvas>;

/** Reads every theme's canvas of `source`. */
export function readCanvases(source: ReportSource): ReadCanvases {
	const read: ReadCanvases = new Map();
	for (const theme of source.themes) {
		if (!theme.canvas) {
			read.set(theme.id, { notes: [], picture: () => null });
			continue;
		}
		const from = theme.canvas.source;
		// A document without providers or observers needs no destroy(): it goes with the draft.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, theme.canvas.state);
		const drawn = new Map<string, ReportCanvas>();
		read.set(theme.id, {
			notes: notesOfDocument(doc),
			picture(omit) {
				const key = [...omit].sort().join('\n');
				let canvas = drawn.get(key);
				if (!canvas) {
					const { svg, width, height, alt } = canvasSvg(doc, { omit });
					canvas = { svg, width, height, alt, source: from };
					drawn.set(key, canvas);
				}
				return canvas;
			}
		});
	}
	return read;
}

/** The report of `source` with `edits` applied; pass `canvases` when building several versions of one source. */
export function buildReport(source: ReportSource, edits: ReportEdits, now: Date, canvases: ReadCanvases = readCanvases(source)): ReportDocument {
	return {
		version: 1,
		event: { slug: source.event.slug, title: source.event.title },
		session: {
			id: source.session.id,
			position: source.session.position,
			title: source.session.title,
			startsAt: source.session.startsAt.toISOString(),
			endsAt: source.session.endsAt.toISOString(),
			venue: source.session.venue
		},
		intro: edits.intro,
		agenda: agendaAsRun(source),
		themes: source.themes.map((theme) => reportTheme(theme, source, edits, canvases.get(theme.id))),
		takeaways: source.people
			.filter((person) => person.takeaway !== null && !(person.participantId && edits.hiddenTakeaways.includes(person.participantId)))
			.map((person) => ({
				participantId: person.participantId,
				text: person.takeaway ?? '',
				name: person.consentedName,
				organisation: person.organisation
			})),
		organisations: organisationsOf(source),
		participantCount: source.people.length,
		handvatColumns: [...source.noteKinds.handvatFrames],
		generatedAt: now.toISOString()
	};
}

/**
 * Each agenda item with when it really started and ended: the first start and the last end of
 * its runs (a facilitator may have gone back to it). An item still running has no end yet.
 */
function agendaAsRun(source: ReportSource): ReportAgendaItem[] {
	const runsOf = new Map<string, ReportSourceRun[]>();
	for (const run of source.runs) {
		if (!run.itemId) continue;
		runsOf.set(run.itemId, [...(runsOf.get(run.itemId) ?? []), run]);
	}
	return source.agenda.map((item) => {
		const runs = runsOf.get(item.id) ?? [];
		const first = runs[0];
		const last = runs.at(-1);
		return {
			title: item.title,
			kind: item.kind,
			plannedStart: item.startsAt.toISOString(),
			plannedEnd: item.endsAt.toISOString(),
			actualStart: first ? first.startedAt.toISOString() : null,
			actualEnd: last?.endedAt ? last.endedAt.toISOString() : null
		};
	});
}

function reportTheme(
	theme: ReportSource['themes'][number],
	source: ReportSource,
	edits: ReportEdits,
	read: ReadCanvas | undefined
): ReportTheme {
	const themeEdits = edits.themes[theme.id];
	const hidden = new Set(themeEdits?.hiddenNotes ?? []);
	const notes = read?.notes ?? [];
	// What the organizer left out of the lists is left out of the picture too.
	const canvas = read?.picture(hidden) ?? null;
	const sorted = sortNotes(notes, source.noteKinds, theme.canvasId ? source.votes.get(theme.canvasId) : undefined);
	return {
		themeId: theme.id,
		position: theme.position,
		title: theme.title,
		designQuestions: themeEdits?.designQuestions ?? proposedQuestions(sorted.questionNotes, hidden),
		summary: themeEdits?.summary ?? '',
		ideas: sorted.ideas.filter((idea) => !hidden.has(idea.id)),
		handvatten: sorted.handvatten.filter((handvat) => !hidden.has(handvat.id)),
		canvas
	};
}

/** The design questions a report proposes: the text of each question note the organizer kept, once each. */
export function proposedQuestions(questionNotes: SortedNotes['questionNotes'], hidden: ReadonlySet<string>): string[] {
	return unique(questionNotes.filter((note) => !hidden.has(note.id)).map((note) => note.text));
}

export interface SortedNotes {
	/** The design question as proposed: each question note's text once, in canvas order. */
	questions: string[];
	/** Every note that holds the design question, one line each (the organizer can leave any out). */
	questionNotes: { id: string; text: string }[];
	/** Most votes first; equal votes in the order they stand on the canvas. */
	ideas: ReportIdea[];
	handvatten: ReportHandvat[];
}

/** Sorts a canvas's notes into the design question, ideas with their votes, and handvatten. */
export function sortNotes(notes: CanvasNote[], kinds: NoteKindFrames, votes: ReadonlyMap<string, number> | undefined): SortedNotes {
	const questionNotes: SortedNotes['questionNotes'] = [];
	const ideas: ReportIdea[] = [];
	const handvatten: SortedNotes['handvatten'] = [];
	for (const note of notes) {
		const text = note.text.trim();
		if (text === '') continue;
		const noteVotes = votes?.get(note.id) ?? 0;
		// A note in the question's column is the question; one merely worded like it is, unless
		// people voted for it as an idea.
		if ((note.frame !== null && kinds.questionFrames.has(note.frame)) || (QUESTION_FORM.test(text) && noteVotes === 0)) {
			// One line each: the editor's field has one question per line.
			questionNotes.push({ id: note.id, text: text.replace(/\s+/g, ' ') });
		} else if (note.frame !== null && kinds.handvatFrames.has(note.frame)) {
			handvatten.push({ id: note.id, column: note.frame, text });
		} else {
			ideas.push({ id: note.id, text, votes: noteVotes, column: note.frame });
		}
	}
	// A stable sort keeps the canvas order among equal counts.
	ideas.sort((a, b) => b.votes - a.votes);
	// An action plan reads in the technique's column order (Wat, Wie, Wanneer), whichever column
	// someone started in; within a column, as on the canvas.
	const columns = [...kinds.handvatFrames];
	handvatten.sort((a, b) => columns.indexOf(a.column) - columns.indexOf(b.column));
	return { questions: unique(questionNotes.map((note) => note.text)), questionNotes, ideas, handvatten };
}

/** Organisations by name, each with the people who agreed to be named. */
function organisationsOf(source: ReportSource): ReportOrganisation[] {
	const organisations = new Map<string, Set<string>>();
	for (const person of source.people) {
		const people = organisations.get(person.organisation) ?? new Set<string>();
		if (person.consentedName) people.add(person.consentedName);
		organisations.set(person.organisation, people);
	}
	return [...organisations.entries()]
		.map(([name, people]) => ({ name, people: [...people].sort(byName.compare) }))
		.sort((a, b) => byName.compare(a.name, b.name));
}

function unique(texts: string[]): string[] {
	return [...new Set(texts)];
}
