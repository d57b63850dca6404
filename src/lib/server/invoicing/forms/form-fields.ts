import { z } from 'zod';

/**
 * What the invoicing forms share: reading named text fields from FormData, and turning a
 * ZodError into one Dutch message per form field, in the order the fields appear on the page.
 */

/** The message above a refused form; the summary under it links to each field. */
export const FORM_REFUSED_MESSAGE = 'Niet alles is goed ingevuld. Bekijk de meldingen hieronder en bij de velden.';

/** Where an issue that belongs to no single field is shown. */
export const FORM_LEVEL = 'formulier';

/** The text fields of a form by schema key; a missing field or a file reads as undefined. */
export function readFields<K extends string>(form: FormData, fields: Readonly<Record<K, string>>): Record<K, string | undefined> {
	const values = {} as Record<K, string | undefined>;
	for (const key of Object.keys(fields) as K[]) {
		const value = form.get(fields[key]);
		values[key] = typeof value === 'string' ? value : undefined;
	}
	return values;
}

/**
 * One Dutch message per form field name (the first issue of each), ordered like `fields` so the
 * error summary follows the page. Issues on an unknown path go under `formulier`.
 */
export function errorsByField<K extends string>(error: z.ZodError, fields: Readonly<Record<K, string>>): Record<string, string> {
	const found: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path[0];
		const name = typeof key === 'string' && Object.hasOwn(fields, key) ? fields[key as K] : FORM_LEVEL;
		found[name] ??= issue.message;
	}
	const ordered: Record<string, string> = {};
	for (const name of [...Object.values<string>(fields), FORM_LEVEL]) {
		const message = found[name];
		if (message !== undefined) ordered[name] = message;
	}
	return ordered;
}

// Text fields ---------------------------------------------------------------------------------

const hasMarkup = (value: string) => /[<>]/.test(value);
const hasControl = (value: string) => /[\u0000-\u001f\u007f]/.test(value);

/** Spaces and line breaks as one space, no space at either end. */
function tidy(text: string | undefined): string {
	return (text ?? '').trim().replace(/\s+/g, ' ');
}

/**
 * A required line of text such as a name or a street, tidied; `label` reads in a sentence
 * ("de officiële naam"), `missing` is what to say when it is empty.
 */
export function requiredLine(label: string, max: number, missing: string) {
	return z
		.string({ error: missing })
		.transform(tidy)
		.pipe(
			z
				.string()
				.min(1, missing)
				.max(max, `Gebruik voor ${label} hoogstens ${max} tekens.`)
				.refine((value) => !hasMarkup(value), `Gebruik geen < of > in ${label}.`)
				.refine((value) => !hasControl(value), `In ${label} staan tekens die hier niet horen.`)
		);
}

/** An optional line of text: empty gives null. */
export function optionalLine(label: string, max: number) {
	return z
		.string()
		.optional()
		.transform((text) => tidy(text) || null)
		.pipe(
			z
				.string()
				.max(max, `Gebruik voor ${label} hoogstens ${max} tekens.`)
				.refine((value) => !hasMarkup(value), `Gebruik geen < of > in ${label}.`)
				.nullable()
		);
}

/** A required e-mail address. */
export function emailAddress(label: string) {
	const missing = `Vul ${label} in, bijvoorbeeld facturen@gemeente.nl.`;
	return z
		.string({ error: missing })
		.transform((text) => text.trim())
		.pipe(
			z
				.string()
				.min(1, missing)
				.max(254, `Dit e-mailadres is te lang.`)
				.pipe(z.email(`Vul bij ${label} een geldig e-mailadres in, bijvoorbeeld facturen@gemeente.nl.`))
		);
}

/** An optional identifier (KvK, OIN, Peppol-ID, BIC) as the database keeps it: empty gives null. */
export function orNull<Output>(schema: z.ZodType<Output | undefined, string | undefined>) {
	return schema.transform((value) => value ?? null);
}
