import { describe, expect, it } from 'vitest';
import { loggablePath } from './loggable-path';

describe('loggablePath', () => {
	it('hides the secret of a personal link, also on its sub-pages', () => {
		const secret = 'nJ-RdWdrSHs8GEv7-93yzJsJ2dRjaNtnDHLEfxMR9jk';
		expect(loggablePath(`/aanmelding/${secret}`)).toBe('/aanmelding/…');
		expect(loggablePath(`/aanmelding/${secret}/agenda.ics`)).toBe('/aanmelding/…/agenda.ics');
	});

	it('leaves every other path alone', () => {
		expect(loggablePath('/aanmelding/overgedragen')).toBe('/aanmelding/overgedragen');
		expect(loggablePath('/programma/ontwerpsessies-2019/aanmelden')).toBe('/programma/ontwerpsessies-2019/aanmelden');
	});
});
