import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import { postcodeSchema } from '$lib/registrations/sign-up-schema';

/**
 * The numbers that identify a Dutch public body and its bank account on an invoice: KvK-nummer,
 * OIN, btw-identificatienummer, IBAN, BIC, Peppol-ID and postcode. Each has a zod schema that
 * normalises what was typed (spaces, dots, lower case) and says in plain Dutch what to fix, and
 * a predicate that answers the same question for code that only needs yes or no.
 */

type Checked = { ok: true; value: string } | { ok: false; message: string };

/** A schema from a check: the normalised value, or the check's message for the field. */
function schemaOf(check: (text: string) => Checked, missing: string) {
	return z.string({ error: missing }).transform((text, context) => {
		const checked = check(text);
		if (checked.ok) return checked.value;
		context.addIssue({ code: 'custom', message: checked.message });
		return z.NEVER;
	});
}

const isBlank = (text: string) => text.trim() === '';

// KvK-nummer --------------------------------------------------------------------------------

const KVK_EXAMPLE = '12345678';

function checkKvkNumber(text: string): Checked {
	if (isBlank(text)) return { ok: false, message: `Vul het KvK-nummer in, bijvoorbeeld ${KVK_EXAMPLE}.` };
	// Printed as `1234 5678` or `12.34.56.78` on letterheads.
	const value = text.replace(/[\s.]/g, '');
	return /^\d{8}$/.test(value)
		? { ok: true, value }
		: { ok: false, message: `Een KvK-nummer heeft 8 cijfers, bijvoorbeeld ${KVK_EXAMPLE}.` };
}

/** A KvK-nummer: 8 digits; spaces and dots are dropped. */
export const kvkNumberSchema = schemaOf(checkKvkNumber, `Vul het KvK-nummer in, bijvoorbeeld ${KVK_EXAMPLE}.`);

/** Whether the text is a KvK-nummer once spaces and dots are dropped. */
export function isKvkNumber(text: string): boolean {
	return checkKvkNumber(text).ok;
}

// OIN ---------------------------------------------------------------------------------------

const OIN_EXAMPLE = '00000001234567890000';

function checkOin(text: string): Checked {
	if (isBlank(text)) return { ok: false, message: `Vul het OIN in, bijvoorbeeld ${OIN_EXAMPLE}.` };
	const value = text.replace(/\s/g, '');
	return /^\d{20}$/.test(value)
		? { ok: true, value }
		: { ok: false, message: `Een OIN heeft 20 cijfers, bijvoorbeeld ${OIN_EXAMPLE}.` };
}

/** An OIN (Organisatie-identificatienummer of the Dutch government): 20 digits; spaces are dropped. */
export const oinSchema = schemaOf(checkOin, `Vul het OIN in, bijvoorbeeld ${OIN_EXAMPLE}.`);

/** Whether the text is an OIN once spaces are dropped. */
export function isOin(text: string): boolean {
	return checkOin(text).ok;
}

// btw-identificatienummer -------------------------------------------------------------------

const VAT_ID_EXAMPLE = 'NL000099998B57';
const VAT_ID = /^NL(\d{9})B(\d{2})$/;

/**
 * The check digit of the btw-nummer before 2020: digits 1–8 weighted 9 down to 2, the sum's
 * remainder after dividing by 11 is the 9th digit (a remainder of 10 is never valid). The same
 * check as a BSN or RSIN, on which those numbers were based.
 */
function passesElevenTest(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < 8; index++) sum += Number(digits[index]) * (9 - index);
	return sum % 11 === Number(digits[8]);
}

/**
 * The check of the btw-identificatienummer since 2020 (ISO 7064 MOD 97-10, as in an IBAN): the
 * whole number with letters as two digits (N = 23, L = 21, B = 11) leaves 1 after dividing by 97.
 * Done digit by digit, as the number is too long for exact floating point.
 */
function passesMod97(vatId: string): boolean {
	const digits = vatId.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
	let remainder = 0;
	for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	return remainder === 1;
}

function checkDutchVatId(text: string): Checked {
	if (isBlank(text)) return { ok: false, message: `Vul het btw-identificatienummer in, bijvoorbeeld ${VAT_ID_EXAMPLE}.` };
	let value = text.toUpperCase().replace(/[\s.-]/g, '');
	// The number without its country code, as on older letterheads.
	if (/^\d{9}B\d{2}$/.test(value)) value = `NL${value}`;
	const match = VAT_ID.exec(value);
	if (!match) {
		return {
			ok: false,
			message: `Een btw-identificatienummer is NL, 9 cijfers, de letter B en 2 cijfers, bijvoorbeeld ${VAT_ID_EXAMPLE}.`
		};
	}
	const [, digits = '', branch = ''] = match;
	// All zeros passes the eleven test but is no number; B00 is not issued.
	const issued = digits !== '000000000' && branch !== '00';
	return issued && (passesElevenTest(digits) || passesMod97(value))
		? { ok: true, value }
		: { ok: false, message: 'Dit btw-identificatienummer klopt niet. Controleer de cijfers, bijvoorbeeld op een factuur of brief van de organisatie.' };
}

/**
 * A Dutch btw-identificatienummer, normalised to `NL000099998B57` (upper case, no spaces or
 * dots). Accepted when it passes the old eleven test or the 2020 MOD 97 check.
 */
export const dutchVatIdSchema = schemaOf(checkDutchVatId, `Vul het btw-identificatienummer in, bijvoorbeeld ${VAT_ID_EXAMPLE}.`);

/** Whether the text is a valid Dutch btw-identificatienummer, after the same clean-up as the schema. */
export function isDutchVatId(text: string): boolean {
	return checkDutchVatId(text).ok;
}

// IBAN and BIC ------------------------------------------------------------------------------

const IBAN_EXAMPLE = 'NL91 ABNA 0417 1643 00';

function checkIban(text: string): Checked {
	if (isBlank(text)) return { ok: false, message: `Vul het IBAN in, bijvoorbeeld ${IBAN_EXAMPLE}.` };
	// ibantools drops spaces and hyphens; a pasted no-break space or tab is dropped here.
	const value = electronicFormatIBAN(text.replace(/\s/g, ''));
	return value !== null && isValidIBAN(value)
		? { ok: true, value }
		: { ok: false, message: `Dit IBAN klopt niet. Controleer de letters en cijfers, bijvoorbeeld ${IBAN_EXAMPLE}.` };
}

/** An IBAN, checked on length and check digits per country, in electronic format (`NL91ABNA0417164300`). */
export const ibanSchema = schemaOf(checkIban, `Vul het IBAN in, bijvoorbeeld ${IBAN_EXAMPLE}.`);

/** Whether the text is a valid IBAN, with or without spaces. */
export function isIban(text: string): boolean {
	return checkIban(text).ok;
}

function checkBic(text: string): Checked {
	const value = text.toUpperCase().replace(/\s/g, '');
	return isValidBIC(value)
		? { ok: true, value }
		: { ok: false, message: 'Deze BIC klopt niet. Een BIC heeft 8 of 11 letters en cijfers, bijvoorbeeld ABNANL2A.' };
}

/** Whether the text is a valid BIC (8 or 11 characters with a known country). */
export function isBic(text: string): boolean {
	return checkBic(text).ok;
}

// Peppol participant ID ---------------------------------------------------------------------

const PEPPOL_EXAMPLE = `0190:${OIN_EXAMPLE}`;

function checkPeppolParticipantId(text: string): Checked {
	if (isBlank(text)) return { ok: false, message: `Vul het Peppol-ID in, bijvoorbeeld ${PEPPOL_EXAMPLE}.` };
	const value = text.replace(/\s/g, '');
	const [, scheme, identifier = ''] = /^(\d{4}):(.*)$/.exec(value) ?? [];
	if (scheme === '0190') {
		return /^\d{20}$/.test(identifier)
			? { ok: true, value }
			: { ok: false, message: `Na 0190: volgt het OIN van 20 cijfers, bijvoorbeeld ${PEPPOL_EXAMPLE}.` };
	}
	if (scheme === '0106') {
		return /^\d{8}$/.test(identifier)
			? { ok: true, value }
			: { ok: false, message: `Na 0106: volgt het KvK-nummer van 8 cijfers, bijvoorbeeld 0106:${KVK_EXAMPLE}.` };
	}
	return {
		ok: false,
		message: `Een Peppol-ID begint met 0190: en het OIN, of met 0106: en het KvK-nummer, bijvoorbeeld ${PEPPOL_EXAMPLE}.`
	};
}

/**
 * A Peppol participant ID of a Dutch public body: `0190:` and its OIN, or `0106:` and its
 * KvK-nummer (the ISO 6523 schemes Peppol uses in the Netherlands). Spaces are dropped.
 */
export const peppolParticipantIdSchema = schemaOf(checkPeppolParticipantId, `Vul het Peppol-ID in, bijvoorbeeld ${PEPPOL_EXAMPLE}.`);

/** Whether the text is a Peppol participant ID with scheme 0190 (OIN) or 0106 (KvK). */
export function isPeppolParticipantId(text: string): boolean {
	return checkPeppolParticipantId(text).ok;
}

// Postcode ----------------------------------------------------------------------------------

/** The sign-up form's postcode schema: normalised to `1234 AB`. */
export { postcodeSchema };

/** Whether the text is a Dutch postcode, with or without the space. */
export function isDutchPostcode(text: string): boolean {
	return postcodeSchema.safeParse(text).success;
}

// Optional fields ---------------------------------------------------------------------------

/**
 * The same identifier as an optional form field: empty (or absent) gives `undefined`, anything
 * typed must be valid.
 */
export function optionalIdentifier<Output>(schema: z.ZodType<Output, string>) {
	return z
		.string()
		.optional()
		.transform((text) => (text === undefined || isBlank(text) ? undefined : text))
		.pipe(schema.optional());
}

/** A BIC, optional (an IBAN alone suffices within SEPA), normalised to upper case without spaces. */
export const bicSchema = optionalIdentifier(schemaOf(checkBic, 'Vul de BIC in, bijvoorbeeld ABNANL2A.'));
