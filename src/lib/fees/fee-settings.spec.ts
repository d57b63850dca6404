import { describe, expect, it } from 'vitest';
import { feeSettingsFormSchema, type FeeSettingsFormInput } from './fee-settings';

const euro = (amount: string) => `€\u00a0${amount}`;

/** A filled-in form as the browser posts it: every value a string. */
function form(overrides: Partial<Record<keyof FeeSettingsFormInput, string | undefined>> = {}): FeeSettingsFormInput {
	return {
		fee: '795',
		vatMode: 'standard',
		vatRate: '21',
		exemptionText: '',
		furtherParticipantDiscount: '100,00',
		freeCancellationUntil: '2019-09-12',
		cancellationFee: '250',
		...overrides
	};
}

/** The first message per field, as a form shows them. */
function errors(input: unknown): Record<string, string> {
	const result = feeSettingsFormSchema.safeParse(input);
	if (result.success) throw new Error(`expected refusal, got ${JSON.stringify(result.data)}`);
	const messages: Record<string, string> = {};
	for (const issue of result.error.issues) messages[String(issue.path[0])] ??= issue.message;
	return messages;
}

function parsed(input: FeeSettingsFormInput) {
	const result = feeSettingsFormSchema.safeParse(input);
	if (!result.success) throw new Error(`expected success, got ${JSON.stringify(result.error.issues)}`);
	return result.data;
}

describe('feeSettingsFormSchema: what it accepts', () => {
	it('turns a standard-rate form into fee settings in cents and basis points', () => {
		expect(parsed(form())).toEqual({
			feeCents: 79_500,
			vatMode: 'standard',
			vatRateBp: 2_100,
			exemptionText: null,
			furtherParticipantDiscountCents: 10_000,
			freeCancellationUntil: '2019-09-12',
			cancellationFeeCents: 25_000
		});
	});

	it('reads amounts typed the Dutch way', () => {
		expect(parsed(form({ fee: '1.250,50' })).feeCents).toBe(125_050);
		expect(parsed(form({ fee: '€ 795' })).feeCents).toBe(79_500);
		expect(parsed(form({ fee: '795,00' })).feeCents).toBe(79_500);
		expect(parsed(form({ fee: '0', furtherParticipantDiscount: '', cancellationFee: '' })).feeCents).toBe(0);
		expect(parsed(form({ fee: '100.000' })).feeCents).toBe(10_000_000);
	});

	it('reads VAT rates as percentages', () => {
		expect(parsed(form({ vatRate: '9' })).vatRateBp).toBe(900);
		expect(parsed(form({ vatRate: '21%' })).vatRateBp).toBe(2_100);
		expect(parsed(form({ vatRate: ' 21,5 % ' })).vatRateBp).toBe(2_150);
	});

	it('reads empty optional fields as their defaults', () => {
		const settings = parsed(form({ furtherParticipantDiscount: '', freeCancellationUntil: '', cancellationFee: '' }));
		expect(settings).toMatchObject({ furtherParticipantDiscountCents: 0, freeCancellationUntil: null, cancellationFeeCents: null });
		const absent = parsed({ fee: '795', vatMode: 'standard', vatRate: '21' });
		expect(absent).toMatchObject({ exemptionText: null, furtherParticipantDiscountCents: 0, freeCancellationUntil: null, cancellationFeeCents: null });
	});

	it('keeps the exemption text and drops the rate when exempt', () => {
		expect(parsed(form({ vatMode: 'exempt', vatRate: '', exemptionText: '  Vrijgesteld van btw,\n art. 11 Wet OB 1968 ' }))).toMatchObject({
			vatMode: 'exempt',
			vatRateBp: 0,
			exemptionText: 'Vrijgesteld van btw, art. 11 Wet OB 1968'
		});
		expect(parsed(form({ vatMode: 'exempt', vatRate: 'niet van toepassing', exemptionText: 'Vrijgesteld' })).vatRateBp).toBe(0);
	});

	it('drops an exemption text left over when VAT is charged', () => {
		expect(parsed(form({ exemptionText: 'oud' })).exemptionText).toBeNull();
	});

	it('allows a discount and a cancellation fee up to the fee itself', () => {
		expect(parsed(form({ furtherParticipantDiscount: '795', cancellationFee: '795,00' }))).toMatchObject({
			furtherParticipantDiscountCents: 79_500,
			cancellationFeeCents: 79_500
		});
	});
});

describe('feeSettingsFormSchema: what it refuses, and what it says', () => {
	it('asks for a fee when none is given', () => {
		expect(errors(form({ fee: '' })).fee).toBe('Vul de prijs per deelnemer in, bijvoorbeeld 795,00. Is deelname gratis, vul dan 0 in.');
		expect(errors(form({ fee: undefined })).fee).toBe('Vul de prijs per deelnemer in, bijvoorbeeld 795,00. Is deelname gratis, vul dan 0 in.');
	});

	it('refuses negative, malformed and absurd amounts with a message per kind', () => {
		expect(errors(form({ fee: '-795' })).fee).toBe('De prijs per deelnemer kan niet negatief zijn. Vul een bedrag van 0 of meer in.');
		expect(errors(form({ fee: 'zevenhonderd' })).fee).toBe("Vul de prijs per deelnemer in als bedrag in euro's, bijvoorbeeld 795,00 of 1.250,50.");
		expect(errors(form({ fee: '795.50' })).fee).toBe('Gebruik een komma voor de centen van de prijs per deelnemer, bijvoorbeeld 795,00.');
		expect(errors(form({ fee: '795,505' })).fee).toBe('Gebruik voor de prijs per deelnemer hoogstens twee cijfers na de komma, bijvoorbeeld 795,00.');
		expect(errors(form({ fee: '100.000,01' })).fee).toBe(`De prijs per deelnemer is hoogstens ${euro('100.000,00')}. Controleer het bedrag.`);
		expect(errors(form({ fee: '9'.repeat(30) })).fee).toBe(`De prijs per deelnemer is hoogstens ${euro('100.000,00')}. Controleer het bedrag.`);
		expect(errors(form({ furtherParticipantDiscount: '-10' })).furtherParticipantDiscount).toBe(
			'De korting voor volgende deelnemers kan niet negatief zijn. Vul een bedrag van 0 of meer in.'
		);
		expect(errors(form({ cancellationFee: 'gratis' })).cancellationFee).toBe(
			"Vul de annuleringskosten in als bedrag in euro's, bijvoorbeeld 250,00 of 1.250,50."
		);
	});

	it('refuses a VAT mode other than standard or exempt', () => {
		const message = 'Kies of btw wordt gerekend of dat de deelname is vrijgesteld.';
		expect(errors(form({ vatMode: 'zero' })).vatMode).toBe(message);
		expect(errors(form({ vatMode: '' })).vatMode).toBe(message);
		expect(errors(form({ vatMode: undefined })).vatMode).toBe(message);
	});

	it('asks for a usable rate when VAT is charged', () => {
		expect(errors(form({ vatRate: '' })).vatRate).toBe('Vul het btw-percentage in als getal tussen 0 en 100, bijvoorbeeld 21.');
		expect(errors(form({ vatRate: 'hoog' })).vatRate).toBe('Vul het btw-percentage in als getal tussen 0 en 100, bijvoorbeeld 21.');
		expect(errors(form({ vatRate: '101' })).vatRate).toBe('Vul het btw-percentage in als getal tussen 0 en 100, bijvoorbeeld 21.');
		expect(errors(form({ vatRate: '21,123' })).vatRate).toBe('Vul het btw-percentage in als getal tussen 0 en 100, bijvoorbeeld 21.');
		expect(errors(form({ vatRate: '-21' })).vatRate).toBe('Vul het btw-percentage in als getal tussen 0 en 100, bijvoorbeeld 21.');
		expect(errors(form({ vatRate: '0' })).vatRate).toMatch(/^Vul een btw-percentage hoger dan 0 in/);
	});

	it('asks for the ground of the exemption, of a sensible length', () => {
		expect(errors(form({ vatMode: 'exempt', exemptionText: '' })).exemptionText).toBe(
			'Vul in waarom de deelname is vrijgesteld van btw, bijvoorbeeld het wetsartikel. Die tekst komt op de factuur.'
		);
		expect(errors(form({ vatMode: 'exempt', exemptionText: '   ' })).exemptionText).toMatch(/^Vul in waarom/);
		expect(errors(form({ vatMode: 'exempt', exemptionText: 'ab' })).exemptionText).toBe('Gebruik voor de reden van de vrijstelling minstens 3 tekens.');
		expect(errors(form({ vatMode: 'exempt', exemptionText: 'x'.repeat(301) })).exemptionText).toBe(
			'Gebruik voor de reden van de vrijstelling hoogstens 300 tekens.'
		);
		expect(parsed(form({ vatMode: 'exempt', exemptionText: 'x'.repeat(300) })).exemptionText).toHaveLength(300);
		expect(parsed(form({ vatMode: 'exempt', exemptionText: 'abc' })).exemptionText).toBe('abc');
	});

	it('refuses a discount or cancellation fee above the fee', () => {
		expect(errors(form({ furtherParticipantDiscount: '795,01' })).furtherParticipantDiscount).toBe(
			`Maak de korting voor volgende deelnemers niet hoger dan de prijs per deelnemer (${euro('795,00')}).`
		);
		expect(errors(form({ cancellationFee: '800' })).cancellationFee).toBe(
			`Maak de annuleringskosten niet hoger dan de prijs per deelnemer (${euro('795,00')}). Laat het veld leeg om de volledige prijs te rekenen.`
		);
	});

	it('refuses dates that are not YYYY-MM-DD or not on the calendar', () => {
		for (const date of ['12-09-2019', '2019-9-12', '2019-02-29', '2019-04-31', 'morgen']) {
			expect(errors(form({ freeCancellationUntil: date })).freeCancellationUntil, date).toMatch(/^Vul een bestaande datum in als jjjj-mm-dd/);
		}
		expect(parsed(form({ freeCancellationUntil: '2020-02-29' })).freeCancellationUntil).toBe('2020-02-29');
	});

	it('reports every wrong field at once', () => {
		expect(Object.keys(errors(form({ fee: 'x', vatMode: 'x', freeCancellationUntil: 'x', cancellationFee: '-1' }))).sort()).toEqual([
			'cancellationFee',
			'fee',
			'freeCancellationUntil',
			'vatMode'
		]);
		// The rate and the exemption text still get checked when another field is wrong.
		expect(Object.keys(errors(form({ fee: 'x', vatRate: '' })))).toEqual(['fee', 'vatRate']);
		expect(Object.keys(errors(form({ fee: 'x', vatMode: 'exempt' })))).toEqual(['fee', 'exemptionText']);
	});

	it('does not compare a discount with a fee that did not parse', () => {
		expect(errors(form({ fee: 'x', furtherParticipantDiscount: '5.000' }))).toEqual({
			fee: "Vul de prijs per deelnemer in als bedrag in euro's, bijvoorbeeld 795,00 of 1.250,50."
		});
	});

	it('refuses values that are not form text', () => {
		expect(errors({ ...form(), fee: 795 })).toEqual({ fee: "Vul de prijs per deelnemer in als bedrag in euro's, bijvoorbeeld 795,00 of 1.250,50." });
		expect(Object.keys(errors({ ...form(), vatMode: ['standard'], vatRate: 21, freeCancellationUntil: new Date() })).sort()).toEqual([
			'freeCancellationUntil',
			'vatMode',
			'vatRate'
		]);
		expect(Object.keys(errors(null))).toEqual(['undefined']);
		expect(Object.keys(errors('fee=795'))).toEqual(['undefined']);
	});

	it('writes every message as a Dutch sentence', () => {
		const result = feeSettingsFormSchema.safeParse(
			form({ fee: '-1', vatMode: 'zero', vatRate: 'x', furtherParticipantDiscount: 'x', freeCancellationUntil: 'x', cancellationFee: 'x' })
		);
		expect(result.success).toBe(false);
		for (const issue of result.error?.issues ?? []) expect(issue.message).toMatch(/^[A-Z][^]*[.]$/);
	});
});
