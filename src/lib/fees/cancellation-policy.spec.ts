import { describe, expect, it } from 'vitest';
import { cancellationPolicyText } from './cancellation-policy';
import type { FeeSettings } from './fee-settings';

const euro = (amount: string) => `€\u00a0${amount}`;

function feeSettings(overrides: Partial<FeeSettings> = {}): FeeSettings {
	return {
		feeCents: 79_500,
		vatMode: 'standard',
		vatRateBp: 2_100,
		exemptionText: null,
		furtherParticipantDiscountCents: 10_000,
		freeCancellationUntil: '2019-09-12',
		cancellationFeeCents: 25_000,
		...overrides
	};
}

describe('cancellationPolicyText', () => {
	it('states the last free day and the cancellation fee', () => {
		expect(cancellationPolicyText(feeSettings())).toBe(
			`Kosteloos annuleren kan tot en met 12 september 2019. Daarna kost annuleren ${euro('250,00')} (excl. btw). Vervanging door een collega is altijd kosteloos.`
		);
	});

	it('names the full fee when no separate cancellation fee is set', () => {
		expect(cancellationPolicyText(feeSettings({ cancellationFeeCents: null }))).toBe(
			`Kosteloos annuleren kan tot en met 12 september 2019. Daarna kost annuleren de volledige deelnameprijs van ${euro('795,00')} (excl. btw). Vervanging door een collega is altijd kosteloos.`
		);
	});

	it('does not mention VAT for an exempt event', () => {
		const text = cancellationPolicyText(feeSettings({ vatMode: 'exempt', exemptionText: 'Vrijgesteld' }));
		expect(text).toContain(`Daarna kost annuleren ${euro('250,00')}. `);
		expect(text).not.toContain('btw');
	});

	it('says cancelling is always free when there is no deadline or nothing to pay', () => {
		const always = 'Kosteloos annuleren kan altijd. Vervanging door een collega is altijd kosteloos.';
		expect(cancellationPolicyText(feeSettings({ freeCancellationUntil: null }))).toBe(always);
		expect(cancellationPolicyText(feeSettings({ cancellationFeeCents: 0 }))).toBe(always);
	});

	it('writes the date with the formatter it is given', () => {
		expect(cancellationPolicyText(feeSettings(), (day) => `[${day}]`)).toMatch(/^Kosteloos annuleren kan tot en met \[2019-09-12\]\./);
	});
});
