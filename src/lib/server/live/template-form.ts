import { z } from 'zod';
import { templateLayoutSchema } from '$lib/live/template-spec';
import type { NewTemplate } from './templates';

/**
 * The form on `/beheer/sjablonen` that adds a design technique: name, description, the prompt
 * above the canvas, one column per line (`kop – toelichting`) and optionally dot votes.
 */

/** The form's field names (Dutch, like the URLs) by key. */
export const templateField = {
	name: 'naam',
	description: 'beschrijving',
	prompt: 'opdracht',
	columns: 'kolommen',
	votesPerPerson: 'stemmen'
} as const;

type TemplateFormKey = keyof typeof templateField;
export type TemplateFormValues = Record<TemplateFormKey, string>;

export const emptyTemplateForm: TemplateFormValues = { name: '', description: '', prompt: '', columns: '', votesPerPerson: '' };

const hasMarkup = (value: string) => /[<>]/.test(value);

/** Spaces and line breaks as one space, no space at either end. */
const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

const nameSchema = z
	.string()
	.transform(tidy)
	.pipe(
		z
			.string()
			.min(1, 'Geef de werkvorm een naam, bijvoorbeeld ‘Klantreis’.')
			.max(120, 'Een naam heeft hoogstens 120 tekens.')
			.refine((value) => !hasMarkup(value), 'Gebruik geen < of > in de naam.')
	);

const descriptionSchema = z
	.string()
	.transform((text) => text.trim())
	.pipe(z.string().max(1000, 'Een beschrijving heeft hoogstens 1000 tekens.').refine((value) => !hasMarkup(value), 'Gebruik geen < of > in de beschrijving.'));

const votesMessage = 'Vul een heel getal van 1 tot en met 20 in, of laat het veld leeg als er niet gestemd wordt.';

const votesSchema = z
	.string()
	.transform((text) => text.trim())
	.pipe(
		z.union([
			z.literal('').transform(() => null),
			z
				.string()
				.regex(/^\d{1,2}$/, votesMessage)
				.transform(Number)
				.pipe(z.number().min(1, votesMessage).max(20, votesMessage))
		])
	);

/** `Tops – Wat werkt goed?` → heading and hint; a line without a dash is a heading without a hint. */
export function parseColumnLines(text: string): { heading: string; hint: string }[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.map((line) => {
			const dash = /\s+[–—-]\s+|\s*[–—]\s*/.exec(line);
			if (!dash) return { heading: line, hint: '' };
			return { heading: line.slice(0, dash.index).trim(), hint: line.slice(dash.index + dash[0].length).trim() };
		});
}

/** The columns back as the textarea shows them. */
export function columnLines(columns: { heading: string; hint: string }[]): string {
	return columns.map((column) => (column.hint ? `${column.heading} – ${column.hint}` : column.heading)).join('\n');
}

function read(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export type TemplateFormParse =
	| { ok: true; template: NewTemplate }
	| { ok: false; values: TemplateFormValues; errors: Record<string, string> };

/** The posted fields as typed. */
export function readTemplateForm(form: FormData): TemplateFormValues {
	return {
		name: read(form, templateField.name),
		description: read(form, templateField.description),
		prompt: read(form, templateField.prompt),
		columns: read(form, templateField.columns),
		votesPerPerson: read(form, templateField.votesPerPerson)
	};
}

/** Reads and checks the posted form; on refusal, what was typed and one Dutch message per field, in page order. */
export function parseTemplateForm(form: FormData): TemplateFormParse {
	const values = readTemplateForm(form);
	const found: Partial<Record<TemplateFormKey, string>> = {};
	const name = nameSchema.safeParse(values.name);
	if (!name.success) found.name = name.error.issues[0]?.message;
	const description = descriptionSchema.safeParse(values.description);
	if (!description.success) found.description = description.error.issues[0]?.message;
	const votes = votesSchema.safeParse(values.votesPerPerson);
	if (!votes.success) found.votesPerPerson = votes.error.issues[0]?.message ?? votesMessage;

	const layout = templateLayoutSchema.safeParse({
		prompt: values.prompt,
		columns: parseColumnLines(values.columns),
		votesPerPerson: votes.success ? votes.data : null
	});
	if (!layout.success) {
		for (const issue of layout.error.issues) {
			const [key, line] = issue.path;
			if (key === 'prompt') found.prompt ??= issue.message;
			else if (key === 'columns') found.columns ??= typeof line === 'number' ? `Regel ${line + 1}: ${issue.message}` : issue.message;
			else found.votesPerPerson ??= votesMessage;
		}
	}
	if (name.success && description.success && votes.success && layout.success) {
		return { ok: true, template: { name: name.data, description: description.data, layout: layout.data } };
	}
	const errors: Record<string, string> = {};
	for (const key of Object.keys(templateField) as TemplateFormKey[]) {
		const message = found[key];
		if (message) errors[templateField[key]] = message;
	}
	return { ok: false, values, errors };
}
