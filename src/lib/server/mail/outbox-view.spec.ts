import { describe, expect, it } from 'vitest';
import { readableBody } from './outbox-view';

describe('readableBody', () => {
	it('never shows a sign-in code', () => {
		expect(readableBody('staff-sign-in-code', 'Je code is 123456')).not.toContain('123456');
	});

	it('hides personal links and keeps the rest of the mail', () => {
		const text = 'Beste Anne,\nNaar je pagina: https://x.nl/aanmelding/nJ-RdWdrSHs8GEv7-93yzJsJ2dRjaNtnDHLEfxMR9jk\nGroet';
		const shown = readableBody('registration-confirmed', text);
		expect(shown).not.toContain('nJ-RdWdrSHs8GEv7');
		expect(shown).toContain('Beste Anne,');
		expect(shown).toContain('https://x.nl/aanmelding/[persoonlijke link, alleen voor de deelnemer]');
	});
});
