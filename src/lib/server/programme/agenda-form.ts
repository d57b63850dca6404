import { z } from 'zod';
import { fromDateTimeLocal, toDateTimeLocal } from '$lib/events/local-datetime';
import { formatDate } from '$lib/format/nl';
import {
	agendaKinds,
	FORM_LEVEL,
	isBlankItem,
	itemFieldName,
	ITEMS_FIELD,
	MAX_AGENDA_ITEMS,
	normaliseTime,
	parseItemFieldName,
	sessionField,
	type AgendaKind,
	type ItemFormValues,
	type SessionFormValues
} from '$lib/programme/agenda-rows';

/**
 * The agenda editor's form (`/beheer/<slug>/agenda/<sessie>`): one session — title, date, times,
 * venue — with all its items. Reads the posted fields into plain values (kept to show again on
 * a refusal) and checks them into what `saveSession` stores, with one Dutch message per field.
 * Times are Amsterdam wall-clock times on the session's date, turned into instants by
 * `fromDateTimeLocal`, so a day on which the clocks change is handled by the time-zone data.
 */

export { FORM_LEVEL };

/** What `saveSession` stores for one item; `id` null for a new one. */
export interface AgendaItemInput {
	id: string | null;
	startsAt: Date;
	endsAt: Date;
	title: string;
	kind: AgendaKind;
	silentWriting: boolean;
	templateId: string | null;
	themeId: string | null;
}

export interface SessionInput {
	title: string;
	startsAt: Date;
	endsAt: Date;
	/** null: "locatie volgt". */
	venue: { name: string; address: string | null; city: string } | null;
	items: AgendaItemInput[];
}

/** The design techniques and themes one may choose from, by id. */
export interface AgendaChoices {
	templateIds: ReadonlySet<string>;
	themeIds: ReadonlySet<string>;
}

export type SessionFormParse =
	| { ok: true; session: SessionInput }
	| { ok: false; values: SessionFormValues; errors: Record<string, string> };

/** Rows read from one post at most; more than this is not a person typing. */
const MAX_ROWS_READ = 100;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** The posted form as plain values, rows in the order of their numbers. */
export function readSessionForm(form: FormData): SessionFormValues {
	const numbers = new Set<number>();
	for (const name of form.keys()) {
		const field = parseItemFieldName(name);
		if (field && numbers.size < MAX_ROWS_READ) numbers.add(field.number);
	}
	const items = [...numbers]
		.sort((a, b) => a - b)
		.map(
			(number): ItemFormValues => ({
				id: text(form, itemFieldName(number, 'id')).trim(),
				startTime: text(form, itemFieldName(number, 'startTime')),
				endTime: text(form, itemFieldName(number, 'endTime')),
				title: text(form, itemFieldName(number, 'title')),
				kind: text(form, itemFieldName(number, 'kind')),
				silentWriting: form.has(itemFieldName(number, 'silentWriting')),
				templateId: text(form, itemFieldName(number, 'templateId')),
				themeId: text(form, itemFieldName(number, 'themeId'))
			})
		);
	return {
		title: text(form, sessionField.title),
		date: text(form, sessionField.date),
		startTime: text(form, sessionField.startTime),
		endTime: text(form, sessionField.endTime),
		venueLater: form.has(sessionField.venueLater),
		venueName: text(form, sessionField.venueName),
		venueAddress: text(form, sessionField.venueAddress),
		venueCity: text(form, sessionField.venueCity),
		items
	};
}

// Single values ------------------------------------------------------------------------------

const hasMarkup = (value: string) => /[<>]/.test(value);
const hasControl = (value: string) => /[\u0000-\u001f\u007f]/.test(value);
const tidy = (value: string) => value.trim().replace(/\s+/g, ' ');

/** A line of text, tidied; an error message or the text. */
function line(value: string, rules: { label: string; max: number; missing?: string }): { ok: true; value: string } | { ok: false; message: string } {
	const tidied = tidy(value);
	if (tidied === '') return rules.missing ? { ok: false, message: rules.missing } : { ok: true, value: '' };
	if (tidied.length > rules.max) return { ok: false, message: `Gebruik voor ${rules.label} hoogstens ${rules.max} tekens.` };
	if (hasMarkup(tidied)) return { ok: false, message: `Gebruik geen < of > in ${rules.label}.` };
	if (hasControl(tidied)) return { ok: false, message: `In ${rules.label} staan tekens die hier niet horen.` };
	return { ok: true, value: tidied };
}

/** `2027-03-04`, or `4-3-2027` as people type it without a date picker. */
function readDate(value: string): string | null {
	const trimmed = value.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
	const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
	if (!dutch) return null;
	return `${dutch[3]}-${(dutch[2] ?? '').padStart(2, '0')}-${(dutch[1] ?? '').padStart(2, '0')}`;
}

/** `13:30` as hours and minutes of a day; null when it is not a time. */
function readTime(value: string): string | null {
	const time = normaliseTime(value);
	const match = /^(\d{2}):(\d{2})$/.exec(time);
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
	return time;
}

const TIME_MESSAGE = 'Vul een tijd in als uu:mm, bijvoorbeeld 13:30.';

/** An instant from the session's date and a time typed as `13:30`, or the message why not. */
function instantOn(date: string, time: string): { ok: true; instant: Date } | { ok: false; message: string } {
	const result = fromDateTimeLocal(`${date}T${time}`);
	if (result.ok) return result;
	if (result.reason === 'nonexistent') {
		const day = fromDateTimeLocal(`${date}T12:00`);
		const when = day.ok ? ` op ${formatDate(day.instant)}` : '';
		return { ok: false, message: `${time} bestaat niet${when}: die nacht gaat de klok van 02:00 naar 03:00. Kies een ander tijdstip.` };
	}
	return { ok: false, message: TIME_MESSAGE };
}

const uuid = z.uuid();

// The whole form ---------------------------------------------------------------------------------

/**
 * Checks a session and its items. Every problem gets its own message at its field: a time that
 * is not a time, an item that ends before it starts, outside the session's times, out of order
 * or overlapping another (both named). Blank new rows are left out.
 */
export function parseSessionForm(values: SessionFormValues, choices: AgendaChoices): SessionFormParse {
	const errors = new Map<string, string>();
	const fail = (name: string, message: string) => {
		if (!errors.has(name)) errors.set(name, message);
	};

	// The session.
	const title = line(values.title, { label: 'de titel', max: 200, missing: 'Geef de sessie een titel, bijvoorbeeld ‘Ontwerpsessie 1’.' });
	if (!title.ok) fail(sessionField.title, title.message);

	const dateText = values.date.trim() === '' ? null : readDate(values.date);
	const dateOk = dateText !== null && fromDateTimeLocal(`${dateText}T12:00`).ok;
	if (!dateOk) {
		fail(sessionField.date, values.date.trim() === '' ? 'Vul de datum van de sessie in.' : 'Vul een bestaande datum in, bijvoorbeeld 26-09-2027.');
	}
	const date = dateOk ? dateText : null;

	const sessionTime = (name: string, value: string, label: string): { time: string; at: Date } | null => {
		const time = readTime(value);
		if (time === null) {
			fail(name, value.trim() === '' ? `Vul de ${label} van de sessie in, bijvoorbeeld 13:30.` : TIME_MESSAGE);
			return null;
		}
		if (!date) return null;
		const instant = instantOn(date, time);
		if (!instant.ok) {
			fail(name, instant.message);
			return null;
		}
		return { time, at: instant.instant };
	};
	const sessionStart = sessionTime(sessionField.startTime, values.startTime, 'begintijd');
	const sessionEnd = sessionTime(sessionField.endTime, values.endTime, 'eindtijd');
	if (sessionStart && sessionEnd && sessionEnd.at <= sessionStart.at) {
		fail(sessionField.endTime, `De sessie moet eindigen na de begintijd (${sessionStart.time}).`);
	}
	const sessionTimesOk = sessionStart !== null && sessionEnd !== null && sessionEnd.at > sessionStart.at;

	// The venue.
	let venue: SessionInput['venue'] = null;
	if (!values.venueLater) {
		const name = line(values.venueName, {
			label: 'de naam van de locatie',
			max: 200,
			missing: 'Vul de naam van de locatie in, of kies ‘De locatie volgt nog’.'
		});
		const address = line(values.venueAddress, { label: 'het adres', max: 200 });
		const city = line(values.venueCity, {
			label: 'de plaats',
			max: 100,
			missing: 'Vul de plaats van de locatie in, of kies ‘De locatie volgt nog’.'
		});
		if (!name.ok) fail(sessionField.venueName, name.message);
		if (!address.ok) fail(sessionField.venueAddress, address.message);
		if (!city.ok) fail(sessionField.venueCity, city.message);
		if (name.ok && address.ok && city.ok) venue = { name: name.value, address: address.value || null, city: city.value };
	}

	// The items, each on its own.
	interface Checked {
		number: number;
		label: string;
		start: { time: string; at: Date } | null;
		end: { time: string; at: Date } | null;
		input: AgendaItemInput | null;
	}
	const rows = values.items.map((item, index) => ({ item, number: index + 1 })).filter(({ item }) => !isBlankItem(item));
	if (rows.length > MAX_AGENDA_ITEMS) {
		fail(ITEMS_FIELD, `Een sessie heeft hoogstens ${MAX_AGENDA_ITEMS} onderdelen; dit zijn er ${rows.length}. Haal er een paar weg of voeg ze samen.`);
	}
	const seenIds = new Set<string>();
	const checked: Checked[] = rows.map(({ item, number }) => {
		const field = (key: Parameters<typeof itemFieldName>[1]) => itemFieldName(number, key);
		const itemTitle = line(item.title, { label: 'de titel', max: 300, missing: `Geef onderdeel ${number} een titel.` });
		if (!itemTitle.ok) fail(field('title'), itemTitle.message);
		const label = itemTitle.ok ? `onderdeel ${number} (‘${itemTitle.value}’)` : `onderdeel ${number}`;

		const time = (key: 'startTime' | 'endTime', value: string, what: string) => {
			const parsed = readTime(value);
			if (parsed === null) {
				fail(field(key), value.trim() === '' ? `Vul de ${what} van onderdeel ${number} in, bijvoorbeeld 13:30.` : TIME_MESSAGE);
				return null;
			}
			if (!date) return null;
			const instant = instantOn(date, parsed);
			if (!instant.ok) {
				fail(field(key), instant.message);
				return null;
			}
			return { time: parsed, at: instant.instant };
		};
		const start = time('startTime', item.startTime, 'begintijd');
		const end = time('endTime', item.endTime, 'eindtijd');
		if (start && end && end.at <= start.at) fail(field('endTime'), `Onderdeel ${number} moet eindigen na de begintijd (${start.time}).`);

		const kind = agendaKinds.find((candidate) => candidate === item.kind);
		if (!kind) fail(field('kind'), 'Kies wat voor onderdeel het is: plenair, werken in thema’s of pauze.');
		const templateId = item.templateId.trim() || null;
		if (templateId !== null && !choices.templateIds.has(templateId)) fail(field('templateId'), 'Kies een werkvorm uit de lijst.');
		const themeId = item.themeId.trim() || null;
		if (themeId !== null && !choices.themeIds.has(themeId)) fail(field('themeId'), 'Kies een thema van dit evenement.');

		let id: string | null = null;
		if (item.id !== '') {
			if (!uuid.safeParse(item.id).success || seenIds.has(item.id)) {
				fail(FORM_LEVEL, 'Een onderdeel is niet herkend. Laad de pagina opnieuw en probeer het nog eens.');
			} else {
				id = item.id;
				seenIds.add(id);
			}
		}

		const input =
			itemTitle.ok && start && end && end.at > start.at && kind
				? { id, startsAt: start.at, endsAt: end.at, title: itemTitle.value, kind, silentWriting: item.silentWriting, templateId, themeId }
				: null;
		return { number, label, start, end, input };
	});

	// The items together: within the session, in order, without overlap.
	if (sessionTimesOk && sessionStart && sessionEnd) {
		for (const row of checked) {
			if (row.start && row.start.at < sessionStart.at) {
				fail(
					itemFieldName(row.number, 'startTime'),
					`Onderdeel ${row.number} begint om ${row.start.time}, vóór het begin van de sessie (${sessionStart.time}).`
				);
			}
			if (row.end && row.end.at > sessionEnd.at) {
				fail(itemFieldName(row.number, 'endTime'), `Onderdeel ${row.number} eindigt om ${row.end.time}, na het einde van de sessie (${sessionEnd.time}).`);
			}
		}
	}
	let previous: Checked | null = null;
	// The item that runs longest so far: a later item may not start before it ends.
	let longest: Checked | null = null;
	for (const row of checked) {
		if (!row.start || !row.end || row.end.at <= row.start.at) continue;
		if (previous?.start && row.start.at < previous.start.at) {
			fail(
				itemFieldName(row.number, 'startTime'),
				`Onderdeel ${row.number} begint (${row.start.time}) eerder dan onderdeel ${previous.number} (${previous.start.time}). ` +
					'Zet de onderdelen op volgorde van tijd, bijvoorbeeld met ‘Op begintijd sorteren’.'
			);
		} else if (longest?.end && row.start.at < longest.end.at) {
			const capital = row.label.charAt(0).toUpperCase() + row.label.slice(1);
			fail(
				itemFieldName(row.number, 'startTime'),
				`${capital} overlapt met ${longest.label}: dat loopt tot ${longest.end.time}, dit begint om ${row.start.time}. ` +
					`Laat onderdeel ${row.number} om ${longest.end.time} of later beginnen, of laat onderdeel ${longest.number} eerder eindigen.`
			);
		}
		previous = row;
		if (!longest?.end || row.end.at > longest.end.at) longest = row;
	}

	if (errors.size === 0 && title.ok && sessionStart && sessionEnd && (venue !== null || values.venueLater)) {
		const items = checked.map((row) => row.input);
		if (items.every((item): item is AgendaItemInput => item !== null)) {
			return { ok: true, session: { title: title.value, startsAt: sessionStart.at, endsAt: sessionEnd.at, venue, items } };
		}
	}
	if (errors.size === 0) fail(FORM_LEVEL, 'Niet alles is goed ingevuld.');
	return { ok: false, values, errors: inPageOrder(errors, values.items.length) };
}

/** The messages in the order of the fields on the page, so the summary reads top to bottom. */
function inPageOrder(errors: Map<string, string>, rowCount: number): Record<string, string> {
	const order: string[] = [
		FORM_LEVEL,
		sessionField.title,
		sessionField.date,
		sessionField.startTime,
		sessionField.endTime,
		sessionField.venueName,
		sessionField.venueAddress,
		sessionField.venueCity,
		ITEMS_FIELD
	];
	const itemKeys = ['startTime', 'endTime', 'title', 'kind', 'templateId', 'themeId'] as const;
	for (let number = 1; number <= rowCount; number += 1) for (const key of itemKeys) order.push(itemFieldName(number, key));
	const ordered: Record<string, string> = {};
	for (const name of order) {
		const message = errors.get(name);
		if (message !== undefined) ordered[name] = message;
	}
	return ordered;
}

// Stored sessions as form values ----------------------------------------------------------------

/** A stored session as the editor reads it. */
export interface StoredSession {
	title: string;
	startsAt: Date;
	endsAt: Date;
	venueName: string | null;
	venueAddress: string | null;
	venueCity: string | null;
	items: {
		id: string;
		startsAt: Date;
		endsAt: Date;
		title: string;
		kind: AgendaKind;
		silentWriting: boolean;
		templateId: string | null;
		themeId: string | null;
	}[];
}

const wallTime = (instant: Date) => toDateTimeLocal(instant).slice(11, 16);

/** A stored session as the form's values. */
export function sessionFormValues(session: StoredSession): SessionFormValues {
	return {
		title: session.title,
		date: toDateTimeLocal(session.startsAt).slice(0, 10),
		startTime: wallTime(session.startsAt),
		endTime: wallTime(session.endsAt),
		venueLater: session.venueName === null && session.venueAddress === null && session.venueCity === null,
		venueName: session.venueName ?? '',
		venueAddress: session.venueAddress ?? '',
		venueCity: session.venueCity ?? '',
		items: session.items.map((item) => ({
			id: item.id,
			startTime: wallTime(item.startsAt),
			endTime: wallTime(item.endsAt),
			title: item.title,
			kind: item.kind,
			silentWriting: item.silentWriting,
			templateId: item.templateId ?? '',
			themeId: item.themeId ?? ''
		}))
	};
}

/**
 * Another session's agenda as the start of a new one (the next edition): no ids, no date, and
 * themes mapped to this event's theme in the same position (or none).
 */
export function copiedSessionValues(
	source: StoredSession & { themePositions: ReadonlyMap<string, number> },
	themesHere: readonly { id: string; position: number }[]
): SessionFormValues {
	const values = sessionFormValues(source);
	const byPosition = new Map(themesHere.map((theme) => [theme.position, theme.id]));
	return {
		...values,
		date: '',
		items: values.items.map((item) => {
			const position = item.themeId ? source.themePositions.get(item.themeId) : undefined;
			return { ...item, id: '', themeId: position === undefined ? '' : (byPosition.get(position) ?? '') };
		})
	};
}
