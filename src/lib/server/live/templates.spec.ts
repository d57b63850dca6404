import { describe, expect, it } from 'vitest';
import { JOIN_CODE_PATTERN, newJoinCode } from './join-code';
import { slugify } from './templates';

describe('slugify', () => {
	it('makes a URL name of a Dutch name', () => {
		expect(slugify('Ideeën & één ontwerpvraag')).toBe('ideeen-en-een-ontwerpvraag');
		expect(slugify('  Tops/Tips — Verbeterpunten!  ')).toBe('tops-tips-verbeterpunten');
		expect(slugify('Ĳsbreker Straße')).toBe('ijsbreker-strasse');
		expect(slugify('Café crème (2019)')).toBe('cafe-creme-2019');
	});

	it('is never empty and at most 80 characters, without a hyphen at the end', () => {
		expect(slugify('!!!')).toBe('werkvorm');
		const long = slugify(`${'a'.repeat(79)} b`);
		expect(long.length).toBeLessThanOrEqual(80);
		expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
	});
});

describe('newJoinCode', () => {
	it('draws six characters from the alphabet without look-alikes, all of them', () => {
		const seen = new Set<string>();
		for (let index = 0; index < 2000; index += 1) {
			const code = newJoinCode();
			expect(code).toMatch(JOIN_CODE_PATTERN);
			for (const character of code) seen.add(character);
		}
		expect([...seen].sort().join('')).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
	});
});
