import { createEvents, type EventAttributes } from 'ics';
import type { EventSession, Programme } from '$lib/events/schema';
import { formatTime } from '$lib/format/nl';
import type { MailAttachment } from './outbox';

export interface CalendarOptions {
	/** Domain part of each event's UID, e.g. the app's host name: makes the UIDs globally unique. */
	uidDomain: string;
	/** A page about the event. Never a personal link: calendars are often shared with colleagues. */
	url?: string;
}

const FILENAME = 'ontwerpsessies.ics';
const CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

/**
 * The iCalendar text for the sessions a participant attends, one VEVENT each. Times are written
 * in UTC (the instants come from `timestamptz`), so no VTIMEZONE is needed and daylight saving
 * time cannot shift a session. Each session has a fixed UID, so importing a re-sent file updates
 * the event instead of adding a second one.
 */
export function calendarText(programme: Programme, sessionIds: string[], options: CalendarOptions): string {
	const wanted = new Set(sessionIds);
	const sessions = programme.sessions.filter((session) => wanted.has(session.id));
	if (sessions.length === 0) throw new Error('calendarText needs at least one session of the programme');

	const events = sessions.map((session): EventAttributes => ({
		uid: sessionUid(session, options.uidDomain),
		title: `${session.title} – ${programme.title}`,
		start: session.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: session.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		location: location(session),
		description: description(session, options.url),
		url: options.url,
		status: 'CONFIRMED',
		busyStatus: 'BUSY'
		// No ORGANIZER: with one, some clients treat the file as an invitation and offer to reply.
	}));

	const { error, value } = createEvents(events, {
		productId: '-//Ontwerpsessies//Agenda//NL',
		method: 'PUBLISH',
		calName: programme.title
	});
	if (error || value === null) throw new Error(`calendar file could not be built: ${error?.message ?? 'no output'}`);
	return value;
}

/** The calendar file as a mail attachment (`ontwerpsessies.ics`). */
export function calendarFile(programme: Programme, sessionIds: string[], options: CalendarOptions): MailAttachment {
	return { filename: FILENAME, contentType: CONTENT_TYPE, content: calendarText(programme, sessionIds, options) };
}

function sessionUid(session: EventSession, uidDomain: string): string {
	return `sessie-${session.id}@${uidDomain}`;
}

function location(session: EventSession): string {
	const parts = [session.venueName, session.venueAddress, session.venueCity].filter(
		(part): part is string => part !== null && part.trim() !== ''
	);
	return parts.length > 0 ? parts.join(', ') : 'Locatie volgt';
}

function description(session: EventSession, url: string | undefined): string {
	const lines = session.agenda.map((item) => `${formatTime(item.startsAt)}–${formatTime(item.endsAt)} ${item.title}`);
	const parts = lines.length > 0 ? ['Programma:', ...lines] : [];
	if (url) parts.push('', `Meer informatie: ${url}`);
	return parts.join('\n');
}
