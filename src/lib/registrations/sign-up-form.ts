import type { z } from 'zod';
import { MAX_PARTICIPANTS_PER_SIGN_UP } from './sign-up-schema';

/**
 * The sign-up form's field names and the mapping between them and `signUpSchema`. The form is
 * plain HTML (it works without JavaScript), so participants are numbered fields:
 * `deelnemer-0-naam`, `deelnemer-1-naam`, …
 */

export const participantField = {
	name: 'naam',
	email: 'email',
	phone: 'telefoon',
	jobTitle: 'functie',
	sessionIds: 'sessie',
	needs: 'wensen',
	participantListConsent: 'deelnemerslijst'
} as const;

export const invoiceField = {
	billingName: 'factuur-naam',
	billingDepartment: 'factuur-afdeling',
	billingStreet: 'factuur-adres',
	billingPostcode: 'factuur-postcode',
	billingCity: 'factuur-plaats',
	billingEmail: 'factuur-email',
	purchaseOrder: 'inkoopordernummer',
	billingReference: 'referentie',
	costCentre: 'kostenplaats',
	purchaseOrderPending: 'ordernummer-volgt'
} as const;

export const ORGANISATION_KIND_FIELD = 'organisatie-soort';
export const ORGANISATION_FIELD = 'organisatie';
export const ORGANISATION_OTHER_FIELD = 'organisatie-anders';
export const INNOVATION_SCHEME_FIELD = 'innovatieregeling';
export const PRIVACY_FIELD = 'privacy';
export const COUNT_FIELD = 'aantal';
/** Hidden from people, tempting to bots: a filled-in value marks the post as spam. */
export const HONEYPOT_FIELD = 'website';

export function participantFieldName(index: number, key: keyof typeof participantField): string {
	return `deelnemer-${index}-${participantField[key]}`;
}

/** How many participant blocks the form has (from its hidden field), within bounds. */
export function participantCount(form: FormData): number {
	const count = Number(form.get(COUNT_FIELD));
	return Number.isInteger(count) ? Math.min(Math.max(count, 1), MAX_PARTICIPANTS_PER_SIGN_UP) : 1;
}

function text(form: FormData, name: string): string | undefined {
	const value = form.get(name);
	return typeof value === 'string' ? value : undefined;
}

/**
 * The form as the object `signUpSchema` parses. `resolveOrganisation` turns the chosen label
 * ("Gemeente Utrecht") into its CBS code; what it does not know is passed on as typed, so the
 * schema reports it.
 */
export function readSignUpForm(form: FormData, resolveOrganisation: (label: string) => string | undefined): unknown {
	const count = participantCount(form);
	const participants = Array.from({ length: count }, (_, index) => ({
		name: text(form, participantFieldName(index, 'name')),
		email: text(form, participantFieldName(index, 'email')),
		phone: text(form, participantFieldName(index, 'phone')),
		jobTitle: text(form, participantFieldName(index, 'jobTitle')),
		sessionIds: form.getAll(participantFieldName(index, 'sessionIds')).filter((value) => typeof value === 'string'),
		needs: text(form, participantFieldName(index, 'needs')),
		participantListConsent: form.get(participantFieldName(index, 'participantListConsent')) === 'ja'
	}));
	const invoice = Object.fromEntries(Object.entries(invoiceField).map(([key, name]) => [key, text(form, name)]));
	const typed = (text(form, ORGANISATION_FIELD) ?? '').trim();
	const organisation =
		text(form, ORGANISATION_KIND_FIELD) === 'anders'
			? { kind: 'other', name: text(form, ORGANISATION_OTHER_FIELD) }
			: { kind: 'listed', code: resolveOrganisation(typed) ?? typed };
	return {
		organisation,
		hasInnovationScheme: text(form, INNOVATION_SCHEME_FIELD),
		participants,
		invoice,
		privacyConsent: form.get(PRIVACY_FIELD) === 'ja' ? true : undefined
	};
}

/** Every problem, keyed by the form field it belongs to (first message per field). */
export function errorsByField(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const name = fieldNameOf(issue.path);
		errors[name] ??= issue.message;
	}
	return errors;
}

function fieldNameOf(path: readonly PropertyKey[]): string {
	const [section, second, third] = path;
	if (section === 'participants' && typeof second === 'number' && typeof third === 'string' && third in participantField) {
		return participantFieldName(second, third as keyof typeof participantField);
	}
	if (section === 'participants') return 'deelnemers';
	if (section === 'invoice' && typeof second === 'string' && second in invoiceField) {
		return invoiceField[second as keyof typeof invoiceField];
	}
	if (section === 'organisation') return second === 'name' ? ORGANISATION_OTHER_FIELD : ORGANISATION_FIELD;
	if (section === 'hasInnovationScheme') return INNOVATION_SCHEME_FIELD;
	if (section === 'privacyConsent') return PRIVACY_FIELD;
	return 'formulier';
}
