import { z } from 'zod';

/**
 * A design technique as data: a prompt above a row of columns (frames with a heading and a hint),
 * optionally with dot votes per person. The facilitator's browser draws it as tldraw frames and
 * text (src/lib/canvas/template-shapes.ts); organizers add their own techniques as such layouts.
 */
export const templateColumnSchema = z.object({
	heading: z.string().trim().min(1, 'Geef elke kolom een kop.').max(80, 'Een kolomkop heeft hoogstens 80 tekens.'),
	hint: z.string().trim().max(200, 'Een toelichting heeft hoogstens 200 tekens.')
});

export const templateLayoutSchema = z.object({
	prompt: z.string().trim().min(1, 'Vul de opdracht of vraag in.').max(300, 'De opdracht heeft hoogstens 300 tekens.'),
	columns: z.array(templateColumnSchema).min(1, 'Geef minstens één kolom.').max(6, 'Hoogstens zes kolommen.'),
	/** Dot voting: votes each participant may give; null for a technique without voting. */
	votesPerPerson: z.number().int().min(1).max(20).nullable()
});

export type TemplateLayout = z.infer<typeof templateLayoutSchema>;

export interface CanvasTemplate {
	id: string;
	slug: string;
	name: string;
	description: string;
	layout: TemplateLayout;
	builtIn: boolean;
}
