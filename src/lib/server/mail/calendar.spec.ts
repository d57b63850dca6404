import { describe, expect, it } from 'vitest';
import { calendarFile, calendarText } from './calendar';
import { agendaItem, SESSION_1_ID, SESSION_2_ID, testProgramme, testSession } from './test-factories';
import { readIcsEvents, unescapeIcsText } from './test-ics-reader';

const options = { uidDomain: 'ontwerpsessies.example', url: 'https://ontwerpsessies.example/' };

describe('calendarText', () => {
	it('writes one event per attended session, in UTC for a summer (CEST) and a winter (CET) date', () => {
		const text = calendarText(testProgramme(), [SESSION_1_ID, SESSION_2_ID], options);
		const events = readIcsEvents(text);
		expect(events).toHaveLength(2);
		// 13:30 CEST is 11:30 UTC; 13:30 CET is 12:30 UTC.
		expect(events[0]).toMatchObject({ DTSTART: '20190926T113000Z', DTEND: '20190926T150000Z' });
		expect(events[1]).toMatchObject({ DTSTART: '20191205T123000Z', DTEND: '20191205T154500Z' });
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text).toContain('METHOD:PUBLISH\r\n');
		expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
	});

	it('leaves out the sessions the participant does not attend', () => {
		const events = readIcsEvents(calendarText(testProgramme(), [SESSION_2_ID], options));
		expect(events).toHaveLength(1);
		expect(unescapeIcsText(events[0]?.SUMMARY ?? '')).toBe('Sessie 2 – Community of practice: ontwerpsessies 2019');
	});

	it('refuses to write a calendar without sessions', () => {
		expect(() => calendarText(testProgramme(), ['00000000-0000-4000-8000-00000000dead'], options)).toThrow();
	});

	it('gives each session the same UID every time, so a re-sent file updates the event', () => {
		const both = readIcsEvents(calendarText(testProgramme(), [SESSION_1_ID, SESSION_2_ID], options));
		const again = readIcsEvents(calendarText(testProgramme(), [SESSION_2_ID], options));
		const [first, second] = both.map((event) => event.UID);
		expect(first).toMatch(/@ontwerpsessies\.example$/);
		expect(first).toContain(SESSION_1_ID);
		expect(second).not.toBe(first);
		expect(again[0]?.UID).toBe(second);
	});

	it('says where, or that the location follows', () => {
		const [withVenue, withoutVenue] = readIcsEvents(calendarText(testProgramme(), [SESSION_1_ID, SESSION_2_ID], options));
		expect(unescapeIcsText(withVenue?.LOCATION ?? '')).toBe('Plastic Soep Pop-up atelier, Passage 20, Zandvoort');
		expect(withoutVenue?.LOCATION).toBe('Locatie volgt');
	});

	it('describes the agenda in Amsterdam time and links to the site', () => {
		const [event] = readIcsEvents(calendarText(testProgramme(), [SESSION_1_ID], options));
		const description = unescapeIcsText(event?.DESCRIPTION ?? '');
		expect(description).toContain('13:30–13:45 Welkom');
		expect(description).toContain('13:45–17:00 Ontwerpen');
		expect(description).toContain('https://ontwerpsessies.example/');
		expect(event?.URL).toBe('https://ontwerpsessies.example/');
	});

	it('escapes commas, semicolons and line breaks in text values', () => {
		const programme = testProgramme({
			title: 'Ontwerpen; samen, sneller',
			sessions: [
				testSession({
					title: 'Deel 1, verkennen',
					venueName: 'Zaal A; B',
					agenda: [agendaItem(1, '2019-09-26T13:30:00+02:00', 30, 'Welkom,\nkoffie')]
				})
			]
		});
		const text = calendarText(programme, [SESSION_1_ID], options);
		const [event] = readIcsEvents(text);
		expect(event?.SUMMARY).toBe('Deel 1\\, verkennen – Ontwerpen\\; samen\\, sneller');
		expect(event?.LOCATION).toBe('Zaal A\\; B\\, Passage 20\\, Zandvoort');
		expect(event?.DESCRIPTION).toContain('Welkom\\,\\nkoffie');
		// A raw line break inside a value would start a new, bogus property line.
		expect(text.split('\r\n').some((line) => line.startsWith('koffie'))).toBe(false);
	});
});

describe('calendarFile', () => {
	it('is an attachment named ontwerpsessies.ics of type text/calendar', () => {
		const file = calendarFile(testProgramme(), [SESSION_1_ID], options);
		expect(file.filename).toBe('ontwerpsessies.ics');
		expect(file.contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH');
		expect(readIcsEvents(file.content)).toHaveLength(1);
	});
});
