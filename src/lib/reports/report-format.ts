import { formatTime } from '$lib/format/nl';
import type { ReportAgendaItem, ReportHandvat } from './report-document';

// Small wordings shared by the report's web page and its PDF, so both say the same thing.

/** `geen stemmen`, `1 stem`, `7 stemmen`. */
export function votesLabel(votes: number): string {
	if (votes === 0) return 'geen stemmen';
	return votes === 1 ? '1 stem' : `${votes} stemmen`;
}

/** `13:30–14:00`. */
export function timeRange(start: string, end: string): string {
	return `${formatTime(new Date(start))}–${formatTime(new Date(end))}`;
}

/** When an item really ran: `13:32–14:05`, `vanaf 16:31` (not ended), or `niet gehouden`. */
export function actualTimes(item: ReportAgendaItem): string {
	if (!item.actualStart) return 'niet gehouden';
	if (!item.actualEnd) return `vanaf ${formatTime(new Date(item.actualStart))}`;
	return timeRange(item.actualStart, item.actualEnd);
}

/** How much longer or shorter than planned, in whole minutes: `5 minuten langer`, `op tijd`; null when unknown. */
export function durationDifference(item: ReportAgendaItem): string | null {
	if (!item.actualStart || !item.actualEnd) return null;
	const planned = Date.parse(item.plannedEnd) - Date.parse(item.plannedStart);
	const actual = Date.parse(item.actualEnd) - Date.parse(item.actualStart);
	const minutes = Math.round((actual - planned) / 60_000);
	if (minutes === 0) return 'op tijd';
	const amount = Math.abs(minutes) === 1 ? '1 minuut' : `${Math.abs(minutes)} minuten`;
	return minutes > 0 ? `${amount} langer` : `${amount} korter`;
}

/** Text the organizer typed, as paragraphs: split on blank lines. */
export function paragraphs(text: string): string[] {
	return text
		.split(/\n\s*\n/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** Handvatten by column, columns in the order they first appear. */
export function handvatGroups(handvatten: ReportHandvat[]): { column: string; texts: string[] }[] {
	const groups: { column: string; texts: string[] }[] = [];
	for (const handvat of handvatten) {
		const group = groups.find((candidate) => candidate.column === handvat.column);
		if (group) group.texts.push(handvat.text);
		else groups.push({ column: handvat.column, texts: [handvat.text] });
	}
	return groups;
}
