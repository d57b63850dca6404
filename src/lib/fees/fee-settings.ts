import { z } from 'zod';
import { formatEuro } from '$lib/format/nl';
import { parseEuroAmount, type EuroAmountRefusal } from './euro-amount';

/** What an event charges, as the organizer set it. Amounts in whole cents, excluding VAT. */
export interface FeeSettings {
	/** Price per participant excluding VAT. */
	feeCents: number;
	vatMode: 'standard' | 'exempt';
	/** 2100 is 21 %; ignored when exempt. */
	vatRateBp: number;
	/** The legal ground printed on invoices; required when exempt. */
	exemptionText: string | null;
	/** Off the fee for the 2nd, 3rd … participant of one organisation. */
	furtherParticipantDiscountCents: number;
	/** `YYYY-MM-DD` in Europe/Amsterdam, inclusive; null: cancelling is always free. */
	freeCancellationUntil: string | null;
	/** Excluding VAT, owed for a later cancellation; null: the full fee. */
	cancellationFeeCents: number | null;
}

/** € 100.000: far above any session fee, low enough to catch a slip of the keyboard. */
export const MAX_FEE_CENTS = 10_000_000;

/** The form's field names, as posted. */
export type FeeSettingsFormField =
	| 'fee'
	| 'vatMode'
	| 'vatRate'
	| 'exemptionText'
	| 'furtherParticipantDiscount'
	| 'freeCancellationUntil'
	| 'cancellationFee';

const amountMessages = (label: string, example: string): Record<Exclude<EuroAmountRefusal, 'empty'>, string> => ({
	negative: `${capitalise(label)} kan niet negatief zijn. Vul een bedrag van 0 of meer in.`,
	'decimal-point': `Gebruik een komma voor de centen van ${label}, bijvoorbeeld ${example}.`,
	'too-many-decimals': `Gebruik voor ${label} hoogstens twee cijfers na de komma, bijvoorbeeld ${example}.`,
	'too-large': `${capitalise(label)} is hoogstens ${formatEuro(MAX_FEE_CENTS)}. Controleer het bedrag.`,
	format: `Vul ${label} in als bedrag in euro's, bijvoorbeeld ${example} of 1.250,50.`
});

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A typed euro amount as cents, or null when the field is empty or absent. */
function euroField(label: string, example: string) {
	const messages = amountMessages(label, example);
	return z
		.string({ error: messages.format })
		.optional()
		.transform((text, context): number | null => {
			const parsed = parseEuroAmount(text ?? '');
			if (parsed.ok) {
				if (parsed.cents <= MAX_FEE_CENTS) return parsed.cents;
				context.addIssue({ code: 'custom', message: messages['too-large'] });
				return z.NEVER;
			}
			if (parsed.reason === 'empty') return null;
			context.addIssue({ code: 'custom', message: messages[parsed.reason] });
			return z.NEVER;
		});
}

/** A euro amount that must be filled in. */
function requiredEuroField(label: string, example: string, missing: string) {
	return euroField(label, example).transform((cents, context): number => {
		if (cents !== null) return cents;
		context.addIssue({ code: 'custom', message: missing });
		return z.NEVER;
	});
}

// `21`, `9`, `21%`, `21,5 %`: a percentage with at most two decimals, as basis points.
const PERCENTAGE = /^(\d{1,3})(?:,(\d{1,2}))?\s*%?$/;

function percentageAsBasisPoints(text: string): number | null {
	const match = PERCENTAGE.exec(text.trim());
	if (!match) return null;
	return Number((match[1] ?? '') + (match[2] ?? '').padEnd(2, '0'));
}

const vatModeMessage = 'Kies of btw wordt gerekend of dat de deelname is vrijgesteld.';
const dateMessage = 'Vul een bestaande datum in als jjjj-mm-dd, bijvoorbeeld 2019-09-12, of laat het veld leeg als annuleren altijd kosteloos is.';
const vatRateMessage = 'Vul het btw-percentage in als getal tussen 0 en 100, bijvoorbeeld 21.';

const feeSettingsFormObject = z.object({
	fee: requiredEuroField('de prijs per deelnemer', '795,00', 'Vul de prijs per deelnemer in, bijvoorbeeld 795,00. Is deelname gratis, vul dan 0 in.'),
	// A string first, so the form's input type is text like every other field.
	vatMode: z.string({ error: vatModeMessage }).pipe(z.enum(['standard', 'exempt'], { error: vatModeMessage })),
	// Only read when VAT is charged; an exempt event may leave it empty.
	vatRate: z.string({ error: vatRateMessage }).optional(),
	exemptionText: z
		.string({ error: 'Vul de reden van de vrijstelling in als tekst.' })
		.optional()
		.transform((text) => text?.trim().replace(/\s+/g, ' ') ?? ''),
	// Left empty: no discount.
	furtherParticipantDiscount: euroField('de korting voor volgende deelnemers', '100,00').transform((cents) => cents ?? 0),
	freeCancellationUntil: z
		.string({ error: dateMessage })
		.optional()
		.transform((text) => text?.trim() || null)
		.pipe(z.iso.date(dateMessage).nullable()),
	// Left empty: the full fee (null).
	cancellationFee: euroField('de annuleringskosten', '250,00')
});

type FeeSettingsForm = z.output<typeof feeSettingsFormObject>;

/**
 * Runs a cross-field check only when the fields it reads parsed, so one wrong field does not
 * hide the messages of the others (by default zod skips every check after a failed field).
 */
function whenParsed(...fields: FeeSettingsFormField[]) {
	return {
		when: (payload: z.core.ParsePayload) =>
			// An issue without a path is about the form as a whole: not an object at all.
			payload.issues.every((issue) => {
				const field = issue.path?.[0];
				return field !== undefined && !fields.some((name) => name === field);
			})
	};
}

/**
 * The organizer's fee form (every value a string, as posted) into `FeeSettings`. Messages are
 * per field, in plain Dutch, and say what to type instead.
 */
export const feeSettingsFormSchema = feeSettingsFormObject
	.superRefine((form: FeeSettingsForm, context) => {
		if (form.vatMode !== 'standard') return;
		const rate = percentageAsBasisPoints(form.vatRate ?? '');
		if (rate === null || rate > 10_000) {
			context.addIssue({ code: 'custom', path: ['vatRate'], message: vatRateMessage });
		} else if (rate === 0) {
			// 0 % under the standard regime would be category Z, which our invoices do not use.
			context.addIssue({
				code: 'custom',
				path: ['vatRate'],
				message: 'Vul een btw-percentage hoger dan 0 in, bijvoorbeeld 21. Is de deelname vrijgesteld, kies dan "vrijgesteld van btw".'
			});
		}
	}, whenParsed('vatMode'))
	.superRefine((form: FeeSettingsForm, context) => {
		if (form.vatMode !== 'exempt') return;
		const length = form.exemptionText.length;
		if (length === 0) {
			context.addIssue({
				code: 'custom',
				path: ['exemptionText'],
				message: 'Vul in waarom de deelname is vrijgesteld van btw, bijvoorbeeld het wetsartikel. Die tekst komt op de factuur.'
			});
		} else if (length < 3) {
			context.addIssue({ code: 'custom', path: ['exemptionText'], message: 'Gebruik voor de reden van de vrijstelling minstens 3 tekens.' });
		} else if (length > 300) {
			context.addIssue({ code: 'custom', path: ['exemptionText'], message: 'Gebruik voor de reden van de vrijstelling hoogstens 300 tekens.' });
		}
	}, whenParsed('vatMode'))
	.superRefine((form: FeeSettingsForm, context) => {
		if (form.furtherParticipantDiscount > form.fee) {
			context.addIssue({
				code: 'custom',
				path: ['furtherParticipantDiscount'],
				message: `Maak de korting voor volgende deelnemers niet hoger dan de prijs per deelnemer (${formatEuro(form.fee)}).`
			});
		}
	}, whenParsed('fee', 'furtherParticipantDiscount'))
	.superRefine((form: FeeSettingsForm, context) => {
		if (form.cancellationFee !== null && form.cancellationFee > form.fee) {
			context.addIssue({
				code: 'custom',
				path: ['cancellationFee'],
				message: `Maak de annuleringskosten niet hoger dan de prijs per deelnemer (${formatEuro(form.fee)}). Laat het veld leeg om de volledige prijs te rekenen.`
			});
		}
	}, whenParsed('fee', 'cancellationFee'))
	.transform(
		(form): FeeSettings => ({
			feeCents: form.fee,
			vatMode: form.vatMode,
			// The refinements above made sure the rate reads when VAT is charged.
			vatRateBp: form.vatMode === 'standard' ? (percentageAsBasisPoints(form.vatRate ?? '') ?? 0) : 0,
			exemptionText: form.vatMode === 'exempt' ? form.exemptionText : null,
			furtherParticipantDiscountCents: form.furtherParticipantDiscount,
			freeCancellationUntil: form.freeCancellationUntil,
			cancellationFeeCents: form.cancellationFee
		})
	);

/** The form as posted: every field a string, or absent. */
export type FeeSettingsFormInput = z.input<typeof feeSettingsFormSchema>;
