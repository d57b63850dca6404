import { z } from 'zod';
import { feeSettingsFormSchema, type FeeSettings } from '$lib/fees/fee-settings';
import { formatEuro } from '$lib/format/nl';
import type { InvoicingOptions } from '../fee-settings-store';
import { errorsByField, readFields } from './form-fields';

/**
 * The fee form on `/beheer/<slug>/tarieven`: the fee settings of `$lib/fees/fee-settings` plus
 * how long a quote holds and how invoices are grouped.
 */

/** The form's field names (Dutch, like the URLs) by schema key. */
export const feeField = {
	fee: 'prijs',
	vatMode: 'btw',
	vatRate: 'btw-percentage',
	exemptionText: 'vrijstelling',
	furtherParticipantDiscount: 'korting-volgende-deelnemer',
	freeCancellationUntil: 'kosteloos-annuleren-tot',
	cancellationFee: 'annuleringskosten',
	quoteValidityDays: 'offerte-geldig',
	invoiceGrouping: 'factureren-per'
} as const;

export type FeeFormKey = keyof typeof feeField;
export type FeeFormValues = Record<FeeFormKey, string | undefined>;

const quoteDaysMessage = 'Vul in hoeveel dagen een offerte geldig is: een heel getal van 1 tot en met 365, bijvoorbeeld 30.';

/** Quote validity and invoice grouping, the part of the form the fee function does not read. */
export const invoicingOptionsFormSchema = z.object({
	quoteValidityDays: z
		.string({ error: quoteDaysMessage })
		.trim()
		.regex(/^\d{1,3}$/, quoteDaysMessage)
		.transform(Number)
		.pipe(z.number().min(1, quoteDaysMessage).max(365, quoteDaysMessage)),
	invoiceGrouping: z.enum(['registration', 'organisation'], {
		error: 'Kies of je per aanmelding factureert of één factuur per organisatie stuurt.'
	})
});

/** The whole form, every value a string as posted, into what `saveFeeSettings` stores. */
export const feeFormSchema = z.intersection(feeSettingsFormSchema, invoicingOptionsFormSchema);

export type FeeFormResult = FeeSettings & InvoicingOptions;

/** Cents as the form shows them: `1.250,50`, which the amount parser reads back unchanged. */
function amountText(cents: number): string {
	return formatEuro(cents).replace(/^€\s*/, '');
}

/** Basis points as the form shows them: `21`, or `9,5`. */
function rateText(basisPoints: number): string {
	const whole = Math.trunc(basisPoints / 100);
	const fraction = basisPoints % 100;
	return fraction === 0 ? String(whole) : `${whole},${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}

/** The stored settings as the form's initial values. */
export function feeFormValues(settings: FeeSettings, options: InvoicingOptions): Record<FeeFormKey, string> {
	return {
		fee: amountText(settings.feeCents),
		vatMode: settings.vatMode,
		// An exempt event shows the usual rate, ready for when VAT is charged after all.
		vatRate: rateText(settings.vatMode === 'standard' && settings.vatRateBp > 0 ? settings.vatRateBp : 2100),
		exemptionText: settings.exemptionText ?? '',
		furtherParticipantDiscount: settings.furtherParticipantDiscountCents === 0 ? '' : amountText(settings.furtherParticipantDiscountCents),
		freeCancellationUntil: settings.freeCancellationUntil ?? '',
		cancellationFee: settings.cancellationFeeCents === null ? '' : amountText(settings.cancellationFeeCents),
		quoteValidityDays: String(options.quoteValidityDays),
		invoiceGrouping: options.invoiceGrouping
	};
}

export type FeeFormParse =
	| { ok: true; settings: FeeFormResult }
	| { ok: false; values: FeeFormValues; errors: Record<string, string> };

/** Reads and checks the posted form; on refusal, what was typed and one Dutch message per field. */
export function parseFeeForm(form: FormData): FeeFormParse {
	const values = readFields(form, feeField);
	const parsed = feeFormSchema.safeParse(values);
	if (parsed.success) return { ok: true, settings: parsed.data };
	return { ok: false, values, errors: errorsByField(parsed.error, feeField) };
}
