import { describe, expect, it } from 'vitest';
import { presenceColor } from './presence-color';

describe('presenceColor', () => {
	it('gives a name the same colour every time, whatever the case or spaces', () => {
		expect(presenceColor('Anouk')).toBe(presenceColor(' anouk '));
		expect(presenceColor('Anouk')).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('spreads different names over the palette', () => {
		const names = ['Anouk', 'Bram', 'Chantal', 'Daan', 'Eva', 'Fatima', 'Gert', 'Hanna', 'Ilse', 'Joris'];
		expect(new Set(names.map(presenceColor)).size).toBeGreaterThanOrEqual(5);
	});
});
