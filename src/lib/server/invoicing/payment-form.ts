import { z } from 'zod';
import { parseEuroAmount, type EuroAmountRefusal } from '$lib/fees/euro-amount';
import { isCalendarDate } from './calendar-date';
import type { PaymentInput } from './payments';

/**
 * The typed input on an invoice's page: a payment received (amount the Dutch way, "961,95"),
 * and the reason for a credit note. Field names are the form's; messages are plain Dutch per field.
 */

/** The form field of each payment value; a refusal from `recordPayment` names the same fields. */
export const paymentField = { amount: 'bedrag', paidOn: 'betaaldatum', note: 'notitie' } as const;
type PaymentKey = keyof typeof paymentField;

export type PaymentFormValues = Record<PaymentKey, string>;

/** Why a typed amount is not one, and how to type it instead. */
const amountRefusal: Record<EuroAmountRefusal, string> = {
	empty: 'Vul het ontvangen bedrag in, bijvoorbeeld 961,95.',
	negative: 'Vul het bedrag zonder minteken in. Een terugbetaling boek je niet als betaling.',
	'decimal-point': 'Gebruik een komma voor de centen, bijvoorbeeld 961,95 (niet 961.95).',
	'too-many-decimals': 'Gebruik hoogstens twee cijfers na de komma, bijvoorbeeld 961,95.',
	'too-large': 'Dit bedrag is te groot. Controleer het bedrag.',
	format: 'Vul het bedrag in cijfers in, met een komma voor de centen, bijvoorbeeld 961,95.'
};

const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** `2026-03-05` from `2026-03-05`, or from `5-3-2026` as typed where a browser shows no date picker. */
function calendarDateOf(text: string): string {
	const match = DUTCH_DATE.exec(text);
	if (!match) return text;
	const [, day = '', month = '', year = ''] = match;
	return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export const paymentFormSchema = z.object({
	amountCents: z
		.string()
		.transform((text, context) => {
			const parsed = parseEuroAmount(text);
			if (!parsed.ok) {
				context.addIssue({ code: 'custom', message: amountRefusal[parsed.reason] });
				return z.NEVER;
			}
			if (parsed.cents <= 0) {
				context.addIssue({ code: 'custom', message: 'Het bedrag moet groter zijn dan € 0,00.' });
				return z.NEVER;
			}
			return parsed.cents;
		}),
	paidOn: z
		.string()
		.trim()
		.min(1, 'Vul de datum in waarop het geld binnenkwam.')
		.transform(calendarDateOf)
		.refine(isCalendarDate, 'Vul een bestaande datum in, bijvoorbeeld 12-09-2026.'),
	note: z
		.string()
		.trim()
		.max(300, 'Gebruik voor de notitie hoogstens 300 tekens.')
		.transform((text) => text || null)
}) satisfies z.ZodType<PaymentInput, Record<'amountCents' | 'paidOn' | 'note', string>>;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** What was typed, to parse and to show again after a refusal. */
export function readPaymentForm(form: FormData): PaymentFormValues {
	return { amount: text(form, paymentField.amount), paidOn: text(form, paymentField.paidOn), note: text(form, paymentField.note) };
}

/** Parses the typed payment into what `recordPayment` takes, or the Dutch message per form field. */
export function parsePaymentForm(values: PaymentFormValues): { ok: true; payment: PaymentInput } | { ok: false; errors: Record<string, string> } {
	const parsed = paymentFormSchema.safeParse({ amountCents: values.amount, paidOn: values.paidOn, note: values.note });
	if (parsed.success) return { ok: true, payment: parsed.data };
	const fieldOf: Record<string, string> = { amountCents: paymentField.amount, paidOn: paymentField.paidOn, note: paymentField.note };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path[0];
		const field = typeof key === 'string' ? fieldOf[key] : undefined;
		if (field) errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/** Why an invoice is credited: printed on the credit note and sent to the buyer. */
export const creditReasonSchema = z
	.string({ error: 'Vul de reden van de creditering in.' })
	.transform((value) => value.trim().replace(/\s+/g, ' '))
	.pipe(
		z
			.string()
			.min(3, 'Vul de reden van de creditering in (minstens 3 tekens). De afnemer ziet die op de creditnota.')
			.max(300, 'Gebruik voor de reden hoogstens 300 tekens.')
			.refine((value) => !/[<>]/.test(value), 'Gebruik geen < of > in de reden.')
	);
