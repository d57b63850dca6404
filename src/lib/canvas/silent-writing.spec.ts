import { describe, expect, it } from 'vitest';
import { AUTHOR_META_KEY, SILENT_ROUND_META_KEY } from '../live/canvas-lock';
import { isHiddenBySilentRound, isSilentlyWriting, type SilentViewer } from './silent-writing';

function viewer(overrides: Partial<SilentViewer> = {}): SilentViewer {
	return { author: 'participant:anouk', canEditTemplate: false, silent: { round: 'ronde-1', revealed: false }, ...overrides };
}

function note(author: string, round?: string) {
	const meta: Record<string, string> = { [AUTHOR_META_KEY]: author };
	if (round !== undefined) meta[SILENT_ROUND_META_KEY] = round;
	return { meta };
}

describe('isHiddenBySilentRound', () => {
	it("hides others' notes of the running round, not one's own", () => {
		expect(isHiddenBySilentRound(note('participant:bram', 'ronde-1'), viewer())).toBe(true);
		expect(isHiddenBySilentRound(note('participant:anouk', 'ronde-1'), viewer())).toBe(false);
	});

	it('shows notes from before the round, from another round and without an author', () => {
		expect(isHiddenBySilentRound(note('participant:bram'), viewer())).toBe(false);
		expect(isHiddenBySilentRound(note('participant:bram', 'ronde-0'), viewer())).toBe(false);
		expect(isHiddenBySilentRound({ meta: {} }, viewer())).toBe(false);
	});

	it('shows everything once revealed, outside a round, and to facilitators', () => {
		const hidden = note('participant:bram', 'ronde-1');
		expect(isHiddenBySilentRound(hidden, viewer({ silent: { round: 'ronde-1', revealed: true } }))).toBe(false);
		expect(isHiddenBySilentRound(hidden, viewer({ silent: null }))).toBe(false);
		expect(isHiddenBySilentRound(hidden, viewer({ author: 'staff:begeleider@example.nl', canEditTemplate: true }))).toBe(false);
		expect(isHiddenBySilentRound(hidden, undefined)).toBe(false);
	});

	it('hides a note without an author from participants during its round', () => {
		expect(isHiddenBySilentRound({ meta: { [SILENT_ROUND_META_KEY]: 'ronde-1' } }, viewer())).toBe(true);
	});
});

describe('isSilentlyWriting', () => {
	it('is true only for a participant during an unrevealed round', () => {
		expect(isSilentlyWriting(viewer())).toBe(true);
		expect(isSilentlyWriting(viewer({ silent: { round: 'ronde-1', revealed: true } }))).toBe(false);
		expect(isSilentlyWriting(viewer({ canEditTemplate: true }))).toBe(false);
		expect(isSilentlyWriting(viewer({ silent: null }))).toBe(false);
		expect(isSilentlyWriting(undefined)).toBe(false);
	});
});
