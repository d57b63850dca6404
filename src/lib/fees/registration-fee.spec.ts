import { describe, expect, it } from 'vitest';
import type { FeeSettings } from './fee-settings';
import { quoteCharges, registrationCharge, sumCharges, type FeeSubject } from './registration-fee';

/** Intl writes a no-break space after the euro sign. */
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

function confirmed(organisationRank = 1): FeeSubject {
	return { status: 'confirmed', organisationRank, cancelledAt: null, cancelledWithPlace: false, cancellationFeeWaived: false };
}

function cancelledAt(instant: string, overrides: Partial<FeeSubject> = {}): FeeSubject {
	return {
		status: 'cancelled',
		organisationRank: 1,
		cancelledAt: new Date(instant),
		cancelledWithPlace: true,
		cancellationFeeWaived: false,
		...overrides
	};
}

describe('registrationCharge for a confirmed place', () => {
	it('charges the full fee with 21% VAT to the first place of an organisation', () => {
		// € 795,00 × 21% = € 166,95.
		expect(registrationCharge(feeSettings(), confirmed(1))).toEqual({
			kind: 'participation',
			unitNetCents: 79_500,
			discountCents: 0,
			netCents: 79_500,
			vatCategory: 'S',
			vatRateBp: 2_100,
			vatCents: 16_695,
			grossCents: 96_195,
			explanation: 'Deelname'
		});
	});

	it('takes the discount off from the second place on, and says so', () => {
		// € 695,00 × 21% = € 145,95.
		expect(registrationCharge(feeSettings(), confirmed(2))).toEqual({
			kind: 'participation',
			unitNetCents: 79_500,
			discountCents: 10_000,
			netCents: 69_500,
			vatCategory: 'S',
			vatRateBp: 2_100,
			vatCents: 14_595,
			grossCents: 84_095,
			explanation: `Deelname (tweede deelnemer van de organisatie: ${euro('100,00')} korting)`
		});
		expect(registrationCharge(feeSettings(), confirmed(3)).explanation).toBe(
			`Deelname (derde deelnemer van de organisatie: ${euro('100,00')} korting)`
		);
		expect(registrationCharge(feeSettings(), confirmed(25)).netCents).toBe(69_500);
	});

	it('says nothing of a discount when there is none', () => {
		const charge = registrationCharge(feeSettings({ furtherParticipantDiscountCents: 0 }), confirmed(2));
		expect(charge).toMatchObject({ discountCents: 0, netCents: 79_500, explanation: 'Deelname' });
	});

	it('rounds VAT half a cent away from zero, on tiny and odd amounts', () => {
		// 1 cent × 21% = 0.21 cent → 0.
		expect(registrationCharge(feeSettings({ feeCents: 1 }), confirmed(1))).toMatchObject({ netCents: 1, vatCents: 0, grossCents: 1 });
		// 333 × 21% = 69.93 → 70.
		expect(registrationCharge(feeSettings({ feeCents: 333 }), confirmed(1))).toMatchObject({ vatCents: 70, grossCents: 403 });
		// 50 × 21% = 10.5 → 11 (half up).
		expect(registrationCharge(feeSettings({ feeCents: 50 }), confirmed(1))).toMatchObject({ vatCents: 11, grossCents: 61 });
		// 79 500 − 3 333 = 76 167; × 21% = 15 995.07 → 15 995.
		expect(registrationCharge(feeSettings({ furtherParticipantDiscountCents: 3_333 }), confirmed(2))).toMatchObject({
			netCents: 76_167,
			vatCents: 15_995,
			grossCents: 92_162
		});
		// 1 000 − 997 = 3; × 21% = 0.63 → 1.
		expect(registrationCharge(feeSettings({ feeCents: 1_000, furtherParticipantDiscountCents: 997 }), confirmed(2))).toMatchObject({
			netCents: 3,
			vatCents: 1,
			grossCents: 4
		});
	});

	it('applies another rate in basis points', () => {
		// € 795,00 × 9% = € 71,55.
		expect(registrationCharge(feeSettings({ vatRateBp: 900 }), confirmed(1))).toMatchObject({ vatRateBp: 900, vatCents: 7_155, grossCents: 86_655 });
	});

	it('never lets a discount exceed the fee', () => {
		const charge = registrationCharge(feeSettings({ feeCents: 5_000, furtherParticipantDiscountCents: 8_000 }), confirmed(2));
		expect(charge).toMatchObject({ unitNetCents: 5_000, discountCents: 5_000, netCents: 0, vatCents: 0, grossCents: 0 });
	});

	it('charges no VAT when the event is exempt, whatever rate is stored', () => {
		const charge = registrationCharge(feeSettings({ vatMode: 'exempt', exemptionText: 'Vrijgesteld', vatRateBp: 2_100 }), confirmed(2));
		expect(charge).toMatchObject({ netCents: 69_500, vatCategory: 'E', vatRateBp: 0, vatCents: 0, grossCents: 69_500 });
	});

	it('refuses a rank that cannot be', () => {
		expect(() => registrationCharge(feeSettings(), confirmed(0))).toThrow(RangeError);
		expect(() => registrationCharge(feeSettings(), confirmed(1.5))).toThrow(RangeError);
	});
});

describe('registrationCharge on the waiting list', () => {
	it('owes nothing yet', () => {
		const charge = registrationCharge(feeSettings(), { ...confirmed(1), status: 'waitlisted' });
		expect(charge).toEqual({
			kind: 'none',
			unitNetCents: 0,
			discountCents: 0,
			netCents: 0,
			vatCategory: 'S',
			vatRateBp: 2_100,
			vatCents: 0,
			grossCents: 0,
			explanation: 'Op de wachtlijst: nog niets verschuldigd'
		});
	});
});

describe('registrationCharge after a cancellation', () => {
	// 12 September 2019 is summer time (UTC+2); 2 December 2019 winter time (UTC+1).
	const summer = feeSettings({ freeCancellationUntil: '2019-09-12' });
	const winter = feeSettings({ freeCancellationUntil: '2019-12-02' });

	it('is free until 23:59:59 Amsterdam time on the last free day, in summer time', () => {
		expect(registrationCharge(summer, cancelledAt('2019-09-12T21:59:59Z'))).toMatchObject({ kind: 'none', netCents: 0, explanation: 'Kosteloos geannuleerd' });
		expect(registrationCharge(summer, cancelledAt('2019-09-11T22:00:00Z')).kind).toBe('none');
	});

	it('costs the cancellation fee from 00:00 Amsterdam time the next day, in summer time', () => {
		// 22:00 UTC on the 12th is already the 13th in Amsterdam, though still the 12th in UTC.
		expect(registrationCharge(summer, cancelledAt('2019-09-12T22:00:00Z'))).toEqual({
			kind: 'cancellation',
			unitNetCents: 25_000,
			discountCents: 0,
			netCents: 25_000,
			vatCategory: 'S',
			vatRateBp: 2_100,
			vatCents: 5_250,
			grossCents: 30_250,
			explanation: 'Annulering na 12 september 2019: annuleringskosten'
		});
		expect(registrationCharge(summer, cancelledAt('2019-09-12T23:30:00Z')).kind).toBe('cancellation');
	});

	it('draws the same line an hour later in winter time', () => {
		expect(registrationCharge(winter, cancelledAt('2019-12-02T22:59:59Z')).kind).toBe('none');
		expect(registrationCharge(winter, cancelledAt('2019-12-02T22:00:00Z')).kind).toBe('none');
		expect(registrationCharge(winter, cancelledAt('2019-12-02T23:00:00Z'))).toMatchObject({
			kind: 'cancellation',
			netCents: 25_000,
			explanation: 'Annulering na 2 december 2019: annuleringskosten'
		});
	});

	it('charges the price of the place when no cancellation fee is set', () => {
		const settings = feeSettings({ cancellationFeeCents: null });
		expect(registrationCharge(settings, cancelledAt('2019-09-20T10:00:00Z', { organisationRank: 1 }))).toEqual({
			kind: 'cancellation',
			unitNetCents: 79_500,
			discountCents: 0,
			netCents: 79_500,
			vatCategory: 'S',
			vatRateBp: 2_100,
			vatCents: 16_695,
			grossCents: 96_195,
			explanation: 'Annulering na 12 september 2019: volledige deelnameprijs'
		});
	});

	it('never charges more for cancelling than the (discounted) place would have cost', () => {
		// The second place of an organisation costs 795,00 − 100,00; a late cancellation of it the same.
		const full = feeSettings({ cancellationFeeCents: null });
		expect(registrationCharge(full, cancelledAt('2019-09-20T10:00:00Z', { organisationRank: 2 })).netCents).toBe(79_500 - 10_000);
		const steep = feeSettings({ cancellationFeeCents: 75_000 });
		expect(registrationCharge(steep, cancelledAt('2019-09-20T10:00:00Z', { organisationRank: 2 })).netCents).toBe(79_500 - 10_000);
		expect(registrationCharge(steep, cancelledAt('2019-09-20T10:00:00Z', { organisationRank: 1 })).netCents).toBe(75_000);
	});

	it('is exempt from VAT when the event is', () => {
		const settings = feeSettings({ vatMode: 'exempt', exemptionText: 'Vrijgesteld' });
		expect(registrationCharge(settings, cancelledAt('2019-09-20T10:00:00Z'))).toMatchObject({
			kind: 'cancellation',
			netCents: 25_000,
			vatCategory: 'E',
			vatRateBp: 0,
			vatCents: 0,
			grossCents: 25_000
		});
	});

	it('owes nothing when the fee was waived, however late', () => {
		const charge = registrationCharge(summer, cancelledAt('2019-09-20T10:00:00Z', { cancellationFeeWaived: true }));
		expect(charge).toMatchObject({ kind: 'none', netCents: 0, grossCents: 0 });
		expect(charge.explanation).toMatch(/kwijtgescholden/);
	});

	it('owes nothing when it was a place on the waiting list that was given up', () => {
		const charge = registrationCharge(summer, cancelledAt('2019-09-20T10:00:00Z', { cancelledWithPlace: false }));
		expect(charge).toMatchObject({ kind: 'none', netCents: 0 });
		expect(charge.explanation).toMatch(/wachtlijst/);
	});

	it('owes nothing when cancelling is always free', () => {
		const settings = feeSettings({ freeCancellationUntil: null });
		expect(registrationCharge(settings, cancelledAt('2030-01-01T00:00:00Z'))).toMatchObject({ kind: 'none', explanation: 'Kosteloos geannuleerd' });
		expect(registrationCharge(settings, { ...cancelledAt('2030-01-01T00:00:00Z'), cancelledAt: null }).kind).toBe('none');
	});

	it('owes nothing when the late fee is zero', () => {
		expect(registrationCharge(feeSettings({ cancellationFeeCents: 0 }), cancelledAt('2019-09-20T10:00:00Z')).kind).toBe('none');
		expect(registrationCharge(feeSettings({ feeCents: 0, cancellationFeeCents: null }), cancelledAt('2019-09-20T10:00:00Z')).kind).toBe('none');
	});

	it('refuses to guess when a cancellation has no moment', () => {
		expect(() => registrationCharge(summer, { ...cancelledAt('2019-09-20T10:00:00Z'), cancelledAt: null })).toThrow(RangeError);
	});
});

describe('quoteCharges', () => {
	it('prices the first participant in full and the others with the discount', () => {
		const charges = quoteCharges(feeSettings(), 3);
		expect(charges.map((charge) => [charge.kind, charge.netCents, charge.grossCents])).toEqual([
			['participation', 79_500, 96_195],
			['participation', 69_500, 84_095],
			['participation', 69_500, 84_095]
		]);
	});

	it('gives nothing for no participants and refuses impossible counts', () => {
		expect(quoteCharges(feeSettings(), 0)).toEqual([]);
		expect(() => quoteCharges(feeSettings(), -1)).toThrow(RangeError);
		expect(() => quoteCharges(feeSettings(), 2.5)).toThrow(RangeError);
	});
});

describe('sumCharges', () => {
	it('adds up a quote as the invoice will, which can be a cent less than the lines', () => {
		const charges = quoteCharges(feeSettings({ feeCents: 50, furtherParticipantDiscountCents: 0 }), 3);
		expect(charges.reduce((sum, charge) => sum + charge.vatCents, 0)).toBe(33);
		expect(sumCharges(charges)).toEqual({ netCents: 150, vatCents: 32, grossCents: 182, payableCents: 182 });
	});

	it('totals the programme fee with discounts', () => {
		// 79 500 + 2 × 69 500 = 218 500; × 21% = 45 885.
		const charges = quoteCharges(feeSettings(), 3);
		expect(sumCharges(charges)).toEqual({ netCents: 218_500, vatCents: 45_885, grossCents: 264_385, payableCents: 264_385 });
	});
});
