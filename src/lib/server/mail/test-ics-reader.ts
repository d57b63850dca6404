// A deliberately small iCalendar reader for tests, independent of the `ics` package that writes
// the files: unfolds lines (RFC 5545 §3.1) and gives each VEVENT's properties by name.

/** The properties of one VEVENT, by name without parameters (`DTSTART`, `UID` …), values still escaped. */
export type IcsProperties = Record<string, string>;

export function readIcsEvents(text: string): IcsProperties[] {
	const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
	const events: IcsProperties[] = [];
	let current: IcsProperties | null = null;
	for (const line of lines) {
		if (line === 'BEGIN:VEVENT') {
			current = {};
		} else if (line === 'END:VEVENT') {
			if (current) events.push(current);
			current = null;
		} else if (current) {
			const colon = line.indexOf(':');
			const name = line.slice(0, colon).split(';')[0] ?? '';
			current[name] = line.slice(colon + 1);
		}
	}
	return events;
}

/** A TEXT value as written in the file back to the text it stands for. */
export function unescapeIcsText(value: string): string {
	return value.replace(/\\([\\;,nN])/g, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}
