import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, describeAuditEntry, mailStatusLabel, statusLabel, statusWithPosition } from './labels';

describe('Dutch labels', () => {
	it('names statuses, with the place on the waiting list when known', () => {
		expect(statusLabel('confirmed')).toBe('Bevestigd');
		expect(statusWithPosition('waitlisted', 3)).toBe('Wachtlijst (plaats 3)');
		expect(statusWithPosition('waitlisted', null)).toBe('Wachtlijst');
		expect(statusWithPosition('cancelled', 3)).toBe('Geannuleerd');
	});

	it('describes history lines with who did it, and shows unknown actions as stored', () => {
		expect(describeAuditEntry({ action: 'registration.cancelled', actor: 'deelnemer' })).toBe('Geannuleerd door de deelnemer');
		expect(describeAuditEntry({ action: 'registration.moved-to-waitlist', actor: 'org@example.nl' })).toBe(
			'Op de wachtlijst gezet door org@example.nl'
		);
		expect(describeAuditEntry({ action: 'registration.promoted', actor: 'systeem', details: { automatic: true } })).toBe(
			'Plaats gekregen van de wachtlijst (automatisch)'
		);
		expect(describeAuditEntry({ action: 'registration.cancelled', actor: 'systeem', details: { because: 'anonymised' } })).toBe(
			'Geannuleerd bij het anonimiseren door het systeem'
		);
		expect(auditActionLabel('iets.nieuws')).toBe('iets.nieuws');
		expect(describeAuditEntry({ action: 'iets.nieuws', actor: 'systeem' })).toBe('iets.nieuws door het systeem');
	});

	it('says plainly that waiting mail is not sent when there is no mail server', () => {
		expect(mailStatusLabel('pending', true)).toBe('In de wachtrij');
		expect(mailStatusLabel('pending', false)).toBe('Niet verzonden: geen mailserver ingesteld');
		expect(mailStatusLabel('sent', false)).toBe('Verzonden');
		expect(mailStatusLabel('failed', true)).toBe('Mislukt');
	});

	it('has a Dutch label for every action the server writes to the audit log', () => {
		// The log page shows labels; a new action without one would show as `agenda.session-added`.
		const serverDir = fileURLToPath(new URL('../server', import.meta.url));
		const written = new Set<string>();
		for (const file of readdirSync(serverDir, { recursive: true, encoding: 'utf8' })) {
			if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
			for (const line of readFileSync(join(serverDir, file), 'utf8').split('\n')) {
				if (!/\baction: /.test(line)) continue;
				for (const match of line.matchAll(/'([a-z]+\.[a-z_-]+)'/g)) written.add(match[1]!);
			}
		}
		expect(written.size).toBeGreaterThan(30);
		expect([...written].filter((action) => auditActionLabel(action) === action)).toEqual([]);
	});
});
