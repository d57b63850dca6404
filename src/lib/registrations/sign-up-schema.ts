import { z } from 'zod';

/**
 * What the sign-up form may contain, with the Dutch message for every way it can be wrong.
 * Shared by the server (which always validates) and the browser (which may validate early).
 * Each message names the field in words a civil servant uses, and says how to fix it.
 */

/** Most people sign up alone; a coordinator may add colleagues, within reason. */
export const MAX_PARTICIPANTS_PER_SIGN_UP = 20;

const noMarkup = (value: string) => !/[<>]/.test(value);
// Control characters (other than tab and newline) have no business in a name or an address.
const noControl = (value: string) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value);

/** A one-line text: trimmed, inner whitespace collapsed, no markup, within a length. */
function line(label: string, max: number) {
	return z
		.string({ error: `Vul ${label} in.` })
		.transform((value) => value.trim().replace(/\s+/g, ' '))
		.pipe(
			z
				.string()
				.min(1, `Vul ${label} in.`)
				.max(max, `Gebruik voor ${label} hoogstens ${max} tekens.`)
				.refine(noMarkup, `Gebruik geen < of > in ${label}.`)
				.refine(noControl, `${capitalise(label)} bevat tekens die hier niet horen.`)
		);
}

/** An optional one-line text: empty means not given. */
function optionalLine(label: string, max: number) {
	return z
		.string()
		.optional()
		.transform((value) => value?.trim().replace(/\s+/g, ' ') || undefined)
		.pipe(
			z
				.string()
				.max(max, `Gebruik voor ${label} hoogstens ${max} tekens.`)
				.refine(noMarkup, `Gebruik geen < of > in ${label}.`)
				.refine(noControl, `${capitalise(label)} bevat tekens die hier niet horen.`)
				.optional()
		);
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function emailAddress(label: string) {
	return z
		.string({ error: `Vul ${label} in.` })
		.transform((value) => value.trim())
		.pipe(
			z
				.string()
				.min(1, `Vul ${label} in.`)
				.max(254, `${capitalise(label)} is te lang.`)
				.pipe(z.email(`Vul bij ${label} een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.`))
		);
}

/**
 * A Dutch postcode, normalised to `1234 AB`. The letter pairs SA, SD and SS are not issued, and
 * no postcode starts with 0.
 */
export const postcodeSchema = z
	.string({ error: 'Vul de postcode in.' })
	.transform((value) => value.trim().toUpperCase().replace(/\s+/g, ''))
	.pipe(
		z
			.string()
			.min(1, 'Vul de postcode in.')
			.regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.')
			.refine((value) => !['SA', 'SD', 'SS'].includes(value.slice(4)), 'Deze postcode bestaat niet; controleer de letters.')
			.transform((value) => `${value.slice(0, 4)} ${value.slice(4)}`)
	);

const phoneSchema = z
	.string()
	.optional()
	.transform((value) => value?.trim() || undefined)
	.pipe(
		z
			.string()
			.max(40, 'Dit telefoonnummer is te lang.')
			.regex(/^\+?[0-9 ()-]{6,}$/, 'Vul een telefoonnummer in met alleen cijfers, spaties, + of -, bijvoorbeeld 06 12345678.')
			.optional()
	);

export const innovationSchemeAnswers = ['ja', 'nee', 'weet-niet'] as const;

export const participantSchema = z.object({
	name: line('de naam', 200),
	email: emailAddress('het e-mailadres'),
	phone: phoneSchema,
	jobTitle: line('de functie', 200),
	sessionIds: z
		.array(z.uuid('Kies een bestaande sessie.'), { error: 'Kies minstens één sessie.' })
		.max(20, 'Kies hoogstens 20 sessies.')
		// A session ticked twice (a hand-made post) counts once.
		.transform((ids) => [...new Set(ids)])
		.pipe(z.array(z.string()).min(1, 'Kies minstens één sessie.')),
	needs: z
		.string()
		.optional()
		.transform((value) => value?.trim() || undefined)
		.pipe(
			z
				.string()
				.max(2000, 'Gebruik voor dieet- of toegankelijkheidswensen hoogstens 2000 tekens.')
				.refine(noControl, 'De wensen bevatten tekens die hier niet horen.')
				.optional()
		),
	participantListConsent: z.boolean().default(false)
});

export const invoiceDetailsSchema = z.object({
	billingName: line('de naam van de organisatie op de factuur', 200),
	billingDepartment: optionalLine('de afdeling', 200),
	billingStreet: line('het adres (straat en huisnummer of postbus)', 200),
	billingPostcode: postcodeSchema,
	billingCity: line('de plaats', 100),
	billingEmail: emailAddress('het e-mailadres voor facturen'),
	purchaseOrder: optionalLine('het inkoopordernummer', 100),
	billingReference: optionalLine('de referentie', 100),
	costCentre: optionalLine('de kostenplaats', 100),
	// "Ordernummer volgt": the invoice waits for it. A checkbox posts "ja"; a number given wins.
	purchaseOrderPending: z
		.union([z.boolean(), z.string()])
		.optional()
		.transform((value) => value === true || value === 'ja')
}).transform((invoice) => ({ ...invoice, purchaseOrderPending: invoice.purchaseOrderPending && !invoice.purchaseOrder }));

/** The organisation: one from the CBS list (by code), or another public body by name. */
export const organisationChoiceSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('listed'), code: z.string().regex(/^(GM[0-9]{4}|PV[0-9]{2})$/, 'Kies een gemeente of provincie uit de lijst.') }),
	z.object({ kind: z.literal('other'), name: line('de naam van je organisatie', 200) })
]);

export const signUpSchema = z
	.object({
		organisation: organisationChoiceSchema,
		hasInnovationScheme: z.enum(innovationSchemeAnswers, {
			error: 'Geef aan of je organisatie een eigen regeling voor innovatiesubsidies heeft.'
		}),
		participants: z
			.array(participantSchema)
			.min(1, 'Meld minstens één deelnemer aan.')
			.max(MAX_PARTICIPANTS_PER_SIGN_UP, `Meld hoogstens ${MAX_PARTICIPANTS_PER_SIGN_UP} deelnemers tegelijk aan.`),
		invoice: invoiceDetailsSchema,
		privacyConsent: z.literal(true, { error: 'Ga akkoord met de privacyverklaring om je aan te melden.' })
	})
	.superRefine((value, context) => {
		const seen = new Map<string, number>();
		value.participants.forEach((participant, index) => {
			const key = participant.email.toLowerCase();
			if (seen.has(key)) {
				context.addIssue({
					code: 'custom',
					path: ['participants', index, 'email'],
					message: `Dit e-mailadres staat al bij deelnemer ${(seen.get(key) ?? 0) + 1}; iedere deelnemer heeft een eigen adres.`
				});
			} else {
				seen.set(key, index);
			}
		});
	});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type ParticipantInput = z.infer<typeof participantSchema>;
export type InvoiceDetails = z.infer<typeof invoiceDetailsSchema>;
export type OrganisationChoice = z.infer<typeof organisationChoiceSchema>;
