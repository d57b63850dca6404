import { describe, expect, it } from 'vitest';
import { facilitatorCommandSchema } from './facilitator-commands';

describe('facilitator commands from a form', () => {
	it('reads the console forms', () => {
		expect(facilitatorCommandSchema.parse({ opdracht: 'verleng', minuten: '5' })).toEqual({ opdracht: 'verleng', minuten: 5 });
		expect(facilitatorCommandSchema.parse({ opdracht: 'cursors', verbergen: 'ja' })).toEqual({ opdracht: 'cursors', verbergen: true });
		expect(facilitatorCommandSchema.parse({ opdracht: 'slot', thema: '2', niveau: 'template' })).toEqual({ opdracht: 'slot', thema: 2, niveau: 'template' });
	});

	it('refuses anything else with a Dutch message', () => {
		const message = (input: unknown) => {
			const parsed = facilitatorCommandSchema.safeParse(input);
			return parsed.success ? null : parsed.error.issues[0]?.message;
		};
		expect(message({ opdracht: 'alles-mag' })).toBe('Deze opdracht bestaat niet.');
		expect(message({})).toBe('Deze opdracht bestaat niet.');
		expect(message({ opdracht: 'slot', thema: '1', niveau: 'weg' })).toBe('Kies open, werkvorm vast of alleen lezen.');
		expect(message({ opdracht: 'slot', thema: 'x', niveau: 'open' })).toBe('Kies een thema.');
		expect(message({ opdracht: 'verplaats', deelnemer: 'iemand', thema: '1' })).toBe('Kies een deelnemer.');
		expect(message({ opdracht: 'cursors', verbergen: 'misschien' })).toBe('Kies ja of nee.');
		expect(message({ opdracht: 'indeling', modus: 'chaos' })).toBe('Kies of deelnemers zelf kiezen of worden ingedeeld.');
		expect(message({ opdracht: 'verleng', minuten: '600' })).toBe('Verleng met 1 tot 30 minuten.');
		expect(message({ opdracht: 'stemmen-open', stemmen: 'veel' })).toBe('Geef 1 tot 20 stemmen.');
		expect(message({ opdracht: 'volgen', thema: '1', x: '0', y: '0', w: '-1', h: '5' })).toBe(
			'Het beeld van het canvas kon niet worden doorgegeven; probeer het opnieuw.'
		);
	});
});
