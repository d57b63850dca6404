/**
 * The agenda editor's form as plain values, shared by the page (which adds, removes and sorts
 * rows in the browser) and the server (which does the same without JavaScript, and checks it):
 * field names, the empty row, and the row operations.
 */

export const agendaKinds = ['plenary', 'breakout', 'break'] as const;
export type AgendaKind = (typeof agendaKinds)[number];

/** How an item's kind reads on the desk. */
export const agendaKindLabel: Record<AgendaKind, string> = {
	plenary: 'Plenair',
	breakout: 'Werken in thema’s',
	break: 'Pauze'
};

/** The state of a session's live run (`public.live_sessions.status`) as the desk says it. */
export const liveStatusLabel = {
	'not-started': 'Nog niet begonnen',
	running: 'Loopt nu',
	paused: 'Gepauzeerd',
	ended: 'Afgelopen'
} as const;

/** At most this many items in one session: a half day's agenda has about ten. */
export const MAX_AGENDA_ITEMS = 30;

/** The session's field names (Dutch, like the URLs) by key. */
export const sessionField = {
	title: 'titel',
	date: 'datum',
	startTime: 'begintijd',
	endTime: 'eindtijd',
	venueLater: 'locatie-volgt',
	venueName: 'locatie-naam',
	venueAddress: 'locatie-adres',
	venueCity: 'locatie-plaats'
} as const;

/** Where a message that belongs to no single field goes. */
export const FORM_LEVEL = 'formulier';

/** Where a message about the list of items as a whole goes (too many). */
export const ITEMS_FIELD = 'onderdelen';

const itemSuffix = {
	id: 'id',
	startTime: 'begin',
	endTime: 'eind',
	title: 'titel',
	kind: 'soort',
	silentWriting: 'stil',
	templateId: 'werkvorm',
	themeId: 'thema'
} as const;

export type ItemKey = keyof typeof itemSuffix;

/** `onderdeel-3-begin`: the field of item 3 (counted from 1, as the page shows it). */
export function itemFieldName(number: number, key: ItemKey): string {
	return `onderdeel-${number}-${itemSuffix[key]}`;
}

/** The item number and key of a field name, or null for another field. */
export function parseItemFieldName(name: string): { number: number; key: ItemKey } | null {
	const match = /^onderdeel-(\d{1,3})-([a-z]+)$/.exec(name);
	if (!match) return null;
	const key = (Object.keys(itemSuffix) as ItemKey[]).find((candidate) => itemSuffix[candidate] === match[2]);
	const number = Number(match[1]);
	return key && number > 0 ? { number, key } : null;
}

export interface ItemFormValues {
	/** The stored item's id; empty for a new row. */
	id: string;
	startTime: string;
	endTime: string;
	title: string;
	kind: string;
	silentWriting: boolean;
	templateId: string;
	themeId: string;
}

export interface SessionFormValues {
	title: string;
	/** `2027-03-04` */
	date: string;
	/** `13:30` */
	startTime: string;
	endTime: string;
	venueLater: boolean;
	venueName: string;
	venueAddress: string;
	venueCity: string;
	items: ItemFormValues[];
}

/** A new row: it starts where the last one ends (or when the session starts). */
export function emptyItem(after?: { endTime: string } | null, sessionStart = ''): ItemFormValues {
	return {
		id: '',
		startTime: after?.endTime ?? sessionStart,
		endTime: '',
		title: '',
		kind: 'plenary',
		silentWriting: false,
		templateId: '',
		themeId: ''
	};
}

/** A row nobody touched: nothing typed and not stored. Left out when saving. */
export function isBlankItem(item: ItemFormValues): boolean {
	return item.id === '' && item.title.trim() === '' && item.endTime.trim() === '' && item.templateId === '' && item.themeId === '';
}

export function emptySessionForm(): SessionFormValues {
	return {
		title: '',
		date: '',
		startTime: '13:30',
		endTime: '17:00',
		venueLater: false,
		venueName: '',
		venueAddress: '',
		venueCity: '',
		items: []
	};
}

/** The form with one more (empty) row at the end. */
export function withEmptyItem(values: SessionFormValues): SessionFormValues {
	return { ...values, items: [...values.items, emptyItem(values.items.at(-1), values.startTime)] };
}

/** The form without row `number` (counted from 1). */
export function withoutItem(values: SessionFormValues, number: number): SessionFormValues {
	return { ...values, items: values.items.filter((_, index) => index !== number - 1) };
}

/** `9:05`, `09.05`, `0905` → `09:05`; anything else stays as typed (the check reports it). */
export function normaliseTime(text: string): string {
	const match = /^\s*(\d{1,2})[:.]?(\d{2})\s*$/.exec(text);
	if (!match) return text.trim();
	return `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`;
}

/** Rows in order of start time (stable; rows without a readable time last). */
export function sortItemsByStart<Item extends ItemFormValues>(items: readonly Item[]): Item[] {
	const keyOf = (item: Item) => {
		const time = normaliseTime(item.startTime);
		return /^\d{2}:\d{2}$/.test(time) ? time : '99:99';
	};
	return items
		.map((item, index) => ({ item, index, key: keyOf(item) }))
		.sort((a, b) => a.key.localeCompare(b.key) || a.index - b.index)
		.map(({ item }) => item);
}

/** The form with its rows in order of start time. */
export function sortedByStart(values: SessionFormValues): SessionFormValues {
	return { ...values, items: sortItemsByStart(values.items) };
}
