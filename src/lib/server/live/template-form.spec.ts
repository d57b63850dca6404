import { describe, expect, it } from 'vitest';
import { columnLines, parseColumnLines, parseTemplateForm, templateField } from './template-form';

function form(fields: Partial<Record<keyof typeof templateField, string>>): FormData {
	const data = new FormData();
	const filled = { name: 'Klantreis', description: '', prompt: 'Wat beleeft de inwoner?', columns: 'Voor – Wat gebeurt er eerst?', votesPerPerson: '', ...fields };
	for (const [key, value] of Object.entries(filled)) data.set(templateField[key as keyof typeof templateField], value);
	return data;
}

function errorsOf(fields: Partial<Record<keyof typeof templateField, string>>): Record<string, string> {
	const result = parseTemplateForm(form(fields));
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

describe('the template form', () => {
	it('reads columns as "kop – toelichting", one per line, and the votes', () => {
		const result = parseTemplateForm(
			form({
				name: '  Klant   reis ',
				columns: 'Voor – Wat gebeurt er eerst?\r\n\r\nTijdens - Wat zie je?\nNa—Wat blijft?\nCo-creatie zonder toelichting',
				votesPerPerson: ' 5 '
			})
		);
		expect(result).toEqual({
			ok: true,
			template: {
				name: 'Klant reis',
				description: '',
				layout: {
					prompt: 'Wat beleeft de inwoner?',
					columns: [
						{ heading: 'Voor', hint: 'Wat gebeurt er eerst?' },
						{ heading: 'Tijdens', hint: 'Wat zie je?' },
						{ heading: 'Na', hint: 'Wat blijft?' },
						{ heading: 'Co-creatie zonder toelichting', hint: '' }
					],
					votesPerPerson: 5
				}
			}
		});
	});

	it('gives Dutch messages at the fields, naming the line of a column', () => {
		expect(errorsOf({ name: '', prompt: '', columns: '', votesPerPerson: '0' })).toEqual({
			naam: 'Geef de werkvorm een naam, bijvoorbeeld ‘Klantreis’.',
			opdracht: 'Vul de opdracht of vraag in.',
			kolommen: 'Geef minstens één kolom.',
			stemmen: 'Vul een heel getal van 1 tot en met 20 in, of laat het veld leeg als er niet gestemd wordt.'
		});
		expect(errorsOf({ columns: `Goed\n${'x'.repeat(81)} – te lang` })).toEqual({ kolommen: 'Regel 2: Een kolomkop heeft hoogstens 80 tekens.' });
		expect(errorsOf({ columns: 'a\nb\nc\nd\ne\nf\ng' })).toEqual({ kolommen: 'Hoogstens zes kolommen.' });
		expect(errorsOf({ name: 'Klant<script>' })).toEqual({ naam: 'Gebruik geen < of > in de naam.' });
	});

	it('shows columns back as it reads them', () => {
		const columns = [{ heading: 'Tops', hint: 'Wat werkt?' }, { heading: 'Tips', hint: '' }];
		expect(parseColumnLines(columnLines(columns))).toEqual(columns);
	});
});
