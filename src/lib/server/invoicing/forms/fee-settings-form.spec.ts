import { describe, expect, it } from 'vitest';
import { feeField, feeFormValues, parseFeeForm, type FeeFormKey } from './fee-settings-form';

/** A filled-in fee form as a browser posts it; `overrides` by schema key. */
function feeForm(overrides: Partial<Record<FeeFormKey, string>> = {}): FormData {
	const values: Record<FeeFormKey, string> = {
		fee: '795,00',
		vatMode: 'standard',
		vatRate: '21',
		exemptionText: '',
		furtherParticipantDiscount: '',
		freeCancellationUntil: '',
		cancellationFee: '',
		quoteValidityDays: '30',
		invoiceGrouping: 'registration',
		...overrides
	};
	const form = new FormData();
	for (const [key, value] of Object.entries(values)) form.set(feeField[key as FeeFormKey], value);
	return form;
}

function refusal(overrides: Partial<Record<FeeFormKey, string>>) {
	const result = parseFeeForm(feeForm(overrides));
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

describe('parseFeeForm', () => {
	it('reads Dutch amounts into cents, with the quote validity and grouping', () => {
		expect(
			parseFeeForm(
				feeForm({
					fee: '1.250,50',
					furtherParticipantDiscount: '100',
					freeCancellationUntil: '2019-09-12',
					cancellationFee: '€ 250,-',
					quoteValidityDays: ' 14 ',
					invoiceGrouping: 'organisation'
				})
			)
		).toEqual({
			ok: true,
			settings: {
				feeCents: 125_050,
				vatMode: 'standard',
				vatRateBp: 2100,
				exemptionText: null,
				furtherParticipantDiscountCents: 10_000,
				freeCancellationUntil: '2019-09-12',
				cancellationFeeCents: 25_000,
				quoteValidityDays: 14,
				invoiceGrouping: 'organisation'
			}
		});
	});

	it('takes an exemption with its text, and ignores the rate then', () => {
		const result = parseFeeForm(feeForm({ vatMode: 'exempt', vatRate: '', exemptionText: 'Vrijgesteld op grond van art. 11 Wet OB 1968' }));
		expect(result.ok && [result.settings.vatMode, result.settings.vatRateBp, result.settings.exemptionText]).toEqual([
			'exempt',
			0,
			'Vrijgesteld op grond van art. 11 Wet OB 1968'
		]);
	});

	it('refuses exempt without a reason, on the reason field', () => {
		expect(refusal({ vatMode: 'exempt', exemptionText: '  ' })).toEqual({
			vrijstelling: 'Vul in waarom de deelname is vrijgesteld van btw, bijvoorbeeld het wetsartikel. Die tekst komt op de factuur.'
		});
	});

	it('refuses a VAT mode outside the set', () => {
		expect(refusal({ vatMode: 'zero' })).toEqual({ btw: 'Kies of btw wordt gerekend of dat de deelname is vrijgesteld.' });
	});

	it('refuses negative and absurd prices', () => {
		expect(refusal({ fee: '-795' })).toEqual({ prijs: 'De prijs per deelnemer kan niet negatief zijn. Vul een bedrag van 0 of meer in.' });
		expect(refusal({ fee: '1.000.000,00' }).prijs).toMatch(/^De prijs per deelnemer is hoogstens €\s100\.000,00/);
		expect(refusal({ fee: '795.50' }).prijs).toBe('Gebruik een komma voor de centen van de prijs per deelnemer, bijvoorbeeld 795,00.');
	});

	it('refuses a discount or cancellation fee above the price', () => {
		const errors = refusal({ fee: '100', furtherParticipantDiscount: '150', cancellationFee: '200' });
		expect(Object.keys(errors)).toEqual(['korting-volgende-deelnemer', 'annuleringskosten']);
	});

	it('refuses a quote validity of 0 or 366 days, and a grouping outside the set, with every other message at once', () => {
		const days = 'Vul in hoeveel dagen een offerte geldig is: een heel getal van 1 tot en met 365, bijvoorbeeld 30.';
		expect(refusal({ quoteValidityDays: '0' })).toEqual({ 'offerte-geldig': days });
		expect(refusal({ quoteValidityDays: '366' })).toEqual({ 'offerte-geldig': days });
		expect(refusal({ fee: '', invoiceGrouping: 'per-persoon' })).toEqual({
			prijs: expect.stringContaining('Vul de prijs per deelnemer in'),
			'factureren-per': 'Kies of je per aanmelding factureert of één factuur per organisatie stuurt.'
		});
	});
});

describe('feeFormValues', () => {
	it('shows stored settings so that they read back unchanged', () => {
		const stored = {
			feeCents: 125_050,
			vatMode: 'standard' as const,
			vatRateBp: 950,
			exemptionText: null,
			furtherParticipantDiscountCents: 0,
			freeCancellationUntil: '2019-09-12',
			cancellationFeeCents: null
		};
		const options = { quoteValidityDays: 30, invoiceGrouping: 'registration' as const };
		const values = feeFormValues(stored, options);
		expect([values.fee, values.vatRate, values.furtherParticipantDiscount, values.cancellationFee]).toEqual(['1.250,50', '9,5', '', '']);
		expect(parseFeeForm(feeForm(values))).toEqual({ ok: true, settings: { ...stored, ...options } });
	});

	it('offers 21% for an exempt event, for when VAT is charged after all', () => {
		const values = feeFormValues(
			{ feeCents: 0, vatMode: 'exempt', vatRateBp: 0, exemptionText: 'Vrijgesteld', furtherParticipantDiscountCents: 0, freeCancellationUntil: null, cancellationFeeCents: 0 },
			{ quoteValidityDays: 30, invoiceGrouping: 'organisation' }
		);
		expect([values.vatMode, values.vatRate, values.exemptionText, values.cancellationFee]).toEqual(['exempt', '21', 'Vrijgesteld', '0,00']);
	});
});
