import {
	readerCanvas,
	readerTakeaway,
	type ReaderCanvas,
	type ReaderTakeaway,
	type ReportCanvas,
	type ReportDocument,
	type ReportHandvat,
	type ReportIdea,
	type ReportOrganisation,
	type ReportTakeaway
} from './report-document';

// The programme's publication: the published session reports brought together per theme, so a
// reader sees how a design question moved from the first session to the second, which ideas
// came out on top in the end, and the steps (handvatten) participants take home. Pure: it is
// derived from the frozen reports only, so the publication never shows what no report did.

export interface PublicationSession {
	position: number;
	title: string;
	startsAt: string;
	participantCount: number;
}

/** What one session said about a theme. */
export interface PublicationThemeSession {
	sessionPosition: number;
	sessionTitle: string;
	designQuestions: string[];
	summary: string;
	canvas: ReportCanvas | null;
}

export interface PublicationTheme {
	position: number;
	title: string;
	/** Per session, in order, only sessions whose report has this theme. */
	sessions: PublicationThemeSession[];
	/** The ideas of the last session with ideas for this theme, top-voted first. */
	finalIdeas: ReportIdea[];
	/** Which session `finalIdeas` come from; null when no session had ideas. */
	finalIdeasFrom: string | null;
	/** Every session's handvatten, each note once (as it stood last), in the technique's column order. */
	handvatten: ReportHandvat[];
}

export interface PublicationDocument {
	event: { slug: string; title: string };
	sessions: PublicationSession[];
	themes: PublicationTheme[];
	/** Every session's shared take-aways, in session order. */
	takeaways: (ReportTakeaway & { sessionTitle: string })[];
	/** Organisations that took part in any session, by name; people named in any session with consent. */
	organisations: ReportOrganisation[];
}

const byName = new Intl.Collator('nl-NL', { sensitivity: 'base', numeric: true });

/** The publication of an event from its published reports (any order; of one event). */
export function publicationOf(event: { slug: string; title: string }, reports: ReportDocument[]): PublicationDocument {
	const ordered = [...reports].sort((a, b) => a.session.position - b.session.position);
	const themes = new Map<number, PublicationTheme>();
	for (const report of ordered) {
		for (const theme of report.themes) {
			let entry = themes.get(theme.position);
			if (!entry) {
				entry = { position: theme.position, title: theme.title, sessions: [], finalIdeas: [], finalIdeasFrom: null, handvatten: [] };
				themes.set(theme.position, entry);
			}
			// A theme renamed between sessions is shown under its latest name.
			entry.title = theme.title;
			entry.sessions.push({
				sessionPosition: report.session.position,
				sessionTitle: report.session.title,
				designQuestions: theme.designQuestions,
				summary: theme.summary,
				canvas: theme.canvas
			});
			if (theme.ideas.length > 0) {
				entry.finalIdeas = theme.ideas;
				entry.finalIdeasFrom = report.session.title;
			}
			// A theme's canvas carries over from session to session: a note still there later is
			// one handvat, as it stood last.
			entry.handvatten = [...entry.handvatten.filter((earlier) => !theme.handvatten.some((later) => later.id === earlier.id)), ...theme.handvatten];
		}
	}
	const columns = [...ordered].reverse().flatMap((report) => report.handvatColumns);
	for (const entry of themes.values()) entry.handvatten = inColumnOrder(entry.handvatten, columns);

	const organisations = new Map<string, Set<string>>();
	for (const report of ordered) {
		for (const organisation of report.organisations) {
			const people = organisations.get(organisation.name) ?? new Set<string>();
			for (const person of organisation.people) people.add(person);
			organisations.set(organisation.name, people);
		}
	}

	return {
		event,
		sessions: ordered.map((report) => ({
			position: report.session.position,
			title: report.session.title,
			startsAt: report.session.startsAt,
			participantCount: report.participantCount
		})),
		themes: [...themes.values()].sort((a, b) => a.position - b.position),
		takeaways: ordered.flatMap((report) => report.takeaways.map((takeaway) => ({ ...takeaway, sessionTitle: report.session.title }))),
		organisations: [...organisations.entries()]
			.map(([name, people]) => ({ name, people: [...people].sort(byName.compare) }))
			.sort((a, b) => byName.compare(a.name, b.name))
	};
}

/** The publication as pages send it to the browser: no canvas markup, no participant ids. */
export type ReaderPublication = Omit<PublicationDocument, 'themes' | 'takeaways'> & {
	themes: (Omit<PublicationTheme, 'sessions'> & { sessions: (Omit<PublicationThemeSession, 'canvas'> & { canvas: ReaderCanvas | null })[] })[];
	takeaways: (ReaderTakeaway & { sessionTitle: string })[];
};

export function publicationForReaders(publication: PublicationDocument): ReaderPublication {
	return {
		...publication,
		themes: publication.themes.map((theme) => ({
			...theme,
			sessions: theme.sessions.map((session) => ({ ...session, canvas: readerCanvas(session.canvas) }))
		})),
		takeaways: publication.takeaways.map(({ sessionTitle, ...takeaway }) => ({ ...readerTakeaway(takeaway), sessionTitle }))
	};
}

/**
 * Handvatten grouped in the technique's column order (Wat, Wie, Wanneer) as the latest report
 * knows it, not in the order sessions happened to fill them: a first session with only a "Wie"
 * note must not put "Wie" before "Wat" for good. Columns no report names (copies published before
 * the order was kept) follow in the order they first appear. Within a column the order stays.
 */
function inColumnOrder(handvatten: ReportHandvat[], columns: string[]): ReportHandvat[] {
	const rank = new Map<string, number>();
	for (const column of [...columns, ...handvatten.map((handvat) => handvat.column)]) {
		if (!rank.has(column)) rank.set(column, rank.size);
	}
	return [...handvatten].sort((a, b) => rank.get(a.column)! - rank.get(b.column)!);
}
