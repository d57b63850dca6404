import { z } from 'zod';
import { kvkNumberSchema, oinSchema, optionalIdentifier, peppolParticipantIdSchema, postcodeSchema } from '$lib/fees/identifiers';
import type { BuyerProfileInput } from '../buyer-profiles';
import { emailAddress, errorsByField, optionalLine, readFields, requiredLine } from './form-fields';

/**
 * The form on `/beheer/debiteuren/<key>`: what the organizer knows of one buyer (a gemeente,
 * provincie or other public body) for its invoices.
 */

/**
 * A buyer's key as it appears in the URL: a CBS code (`GM0344`, `PV26`), or `anders:` and the
 * name of another public body in lower case.
 */
export const buyerKeySchema = z.union([z.string().regex(/^(GM\d{4}|PV\d{2})$/), z.string().regex(/^anders:.{1,200}$/)]);

/** The form's field names (Dutch, like the URLs) by schema key. */
export const buyerField = {
	legalName: 'naam',
	department: 'afdeling',
	street: 'adres',
	postcode: 'postcode',
	city: 'plaats',
	billingEmail: 'factuur-e-mail',
	kvk: 'kvk',
	oin: 'oin',
	peppolId: 'peppol-id',
	ublProfile: 'e-factuurformaat'
} as const satisfies Record<keyof BuyerProfileInput, string>;

export type BuyerFormKey = keyof typeof buyerField;
export type BuyerFormValues = Record<BuyerFormKey, string | undefined>;

/** The e-invoice choice as posted: the seller's default, or one of the two formats. */
const SELLER_DEFAULT = 'standaard';

export const buyerProfileFormSchema = z.object({
	legalName: requiredLine('de officiële naam', 200, 'Vul de officiële naam van de organisatie in, bijvoorbeeld Gemeente Utrecht.'),
	department: optionalLine('de afdeling', 200),
	street: requiredLine('het adres', 200, 'Vul het adres in: straat en huisnummer, of postbus en nummer.'),
	postcode: postcodeSchema,
	city: requiredLine('de plaats', 100, 'Vul de plaats in.'),
	kvk: optionalIdentifier(kvkNumberSchema).transform((value) => value ?? null),
	oin: optionalIdentifier(oinSchema).transform((value) => value ?? null),
	peppolId: optionalIdentifier(peppolParticipantIdSchema).transform((value) => value ?? null),
	billingEmail: emailAddress('het e-mailadres voor facturen'),
	ublProfile: z
		.enum([SELLER_DEFAULT, 'nlcius', 'peppol'], {
			error: 'Kies het formaat van de e-factuur: de standaard, NLCIUS of Peppol BIS Billing 3.0.'
		})
		.transform((value) => (value === SELLER_DEFAULT ? null : value))
}) satisfies z.ZodType<BuyerProfileInput>;

export type BuyerFormParse =
	| { ok: true; input: BuyerProfileInput }
	| { ok: false; values: BuyerFormValues; errors: Record<string, string> };

/** Reads and checks the posted form; on refusal, what was typed and one Dutch message per field. */
export function parseBuyerForm(form: FormData): BuyerFormParse {
	const values = readFields(form, buyerField);
	const parsed = buyerProfileFormSchema.safeParse(values);
	if (parsed.success) return { ok: true, input: parsed.data };
	return { ok: false, values, errors: errorsByField(parsed.error, buyerField) };
}

/** A stored profile (or the details to start one with) as the form's initial values. */
export function buyerFormValues(profile: Partial<BuyerProfileInput> | null): Record<BuyerFormKey, string> {
	return {
		legalName: profile?.legalName ?? '',
		department: profile?.department ?? '',
		street: profile?.street ?? '',
		postcode: profile?.postcode ?? '',
		city: profile?.city ?? '',
		kvk: profile?.kvk ?? '',
		oin: profile?.oin ?? '',
		peppolId: profile?.peppolId ?? '',
		billingEmail: profile?.billingEmail ?? '',
		ublProfile: profile?.ublProfile ?? SELLER_DEFAULT
	};
}
