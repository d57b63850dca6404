import { z } from 'zod';
import { templateLayoutSchema, type CanvasTemplate, type TemplateLayout } from '$lib/live/template-spec';
import { recordAudit } from '../audit/audit-log';
import { transaction } from '../auth/transaction';
import type { Sql } from '../db/database';

/**
 * Design techniques (werkvormen) as the database keeps them: the built-in ones from the
 * migration and those organizers add on `/beheer/sjablonen`. The layout is jsonb, checked
 * against `templateLayoutSchema` on the way in and again on the way out.
 */

/** Where a template that no longer parses is reported; pino's `warn` fits. */
export interface TemplateLog {
	warn(details: Record<string, unknown>, message: string): void;
}

const consoleLog: TemplateLog = { warn: (details, message) => console.warn(message, details) };

const templateRowSchema = z.object({
	id: z.uuid(),
	slug: z.string(),
	name: z.string(),
	description: z.string(),
	layout: z.unknown(),
	built_in: z.boolean()
});

/** A row as a template, or null (logged with its slug, never its content) when its layout does not parse. */
function toTemplate(row: unknown, log: TemplateLog): CanvasTemplate | null {
	const parsed = templateRowSchema.safeParse(row);
	if (!parsed.success) {
		log.warn({ issues: parsed.error.issues.length }, 'canvas template row skipped: unexpected columns');
		return null;
	}
	const layout = templateLayoutSchema.safeParse(parsed.data.layout);
	if (!layout.success) {
		log.warn({ slug: parsed.data.slug, issues: layout.error.issues.map((issue) => issue.path.join('.')) }, 'canvas template skipped: its layout does not parse');
		return null;
	}
	return {
		id: parsed.data.id,
		slug: parsed.data.slug,
		name: parsed.data.name,
		description: parsed.data.description,
		layout: layout.data,
		builtIn: parsed.data.built_in
	};
}

/** Every template whose layout parses: the built-in ones first, then by name. Rows that do not parse are skipped and logged. */
export async function listTemplates(sql: Sql, log: TemplateLog = consoleLog): Promise<CanvasTemplate[]> {
	const rows = await sql`
		select id, slug, name, description, layout, built_in
		from public.canvas_templates
		order by built_in desc, lower(name), id
	`;
	return rows.flatMap((row) => toTemplate(row, log) ?? []);
}

/** One template, or null when there is none with that id (or its layout does not parse). */
export async function templateById(sql: Sql, id: string, log: TemplateLog = consoleLog): Promise<CanvasTemplate | null> {
	if (!z.uuid().safeParse(id).success) return null;
	const [row] = await sql`
		select id, slug, name, description, layout, built_in
		from public.canvas_templates where id = ${id}
	`;
	return row ? toTemplate(row, log) : null;
}

/** How many agenda items use each template, by id (only those in use). */
export async function templateUsage(sql: Sql): Promise<Map<string, number>> {
	const rows = await sql<{ template_id: string; count: number }[]>`
		select template_id, count(*)::int as count from public.agenda_items
		where template_id is not null group by template_id
	`;
	return new Map(rows.map((row) => [row.template_id, row.count]));
}

/** Why adding or deleting a template was refused; `field` is the form field the message belongs to. */
export class TemplateChangeRefused extends Error {
	override name = 'TemplateChangeRefused';
	constructor(
		readonly reason: 'duplicate-name' | 'not-found' | 'built-in',
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

export interface NewTemplate {
	name: string;
	description: string;
	layout: TemplateLayout;
}

/** Letters that do not fall apart into a base letter and an accent. */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ĳ: 'ij', ł: 'l', đ: 'd', þ: 'th' };

/**
 * A URL name from a Dutch name: `Één ontwerpvraag & co.` → `een-ontwerpvraag-en-co`. Accents
 * go (é → e, ë → e), `&` reads as `en`, anything else becomes a hyphen; at most 80 characters,
 * never empty (`werkvorm`).
 */
export function slugify(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[ßæøœĳłđþ]/g, (letter) => LIGATURES[letter] ?? letter)
		.replace(/&/g, ' en ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80)
		.replace(/-+$/, '');
	return slug || 'werkvorm';
}

/** `name`, `name-2`, `name-3` … within 80 characters. */
function numbered(base: string, attempt: number): string {
	if (attempt === 1) return base;
	const suffix = `-${attempt}`;
	return `${base.slice(0, 80 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * Adds an organizer's own template, with a unique slug derived from its name. Two templates may
 * not share a name (ignoring case): a facilitator picks them by name from a list.
 */
export async function createTemplate(sql: Sql, template: NewTemplate, actor: string): Promise<CanvasTemplate> {
	const layout = templateLayoutSchema.parse(template.layout);
	return transaction(sql, async (tx) => {
		// One at a time, so two organizers adding "Brainwriting" at once cannot both pass the name check.
		await tx`select pg_advisory_xact_lock(hashtext('public.canvas_templates'))`;
		const [same] = await tx`select 1 from public.canvas_templates where lower(name) = lower(${template.name})`;
		if (same) {
			throw new TemplateChangeRefused('duplicate-name', 'naam', 'Er is al een werkvorm met deze naam. Kies een andere naam.');
		}
		const base = slugify(template.name);
		const taken = new Set(
			(await tx<{ slug: string }[]>`select slug from public.canvas_templates where slug like ${`${base.slice(0, 70)}%`}`).map((row) => row.slug)
		);
		let attempt = 1;
		while (taken.has(numbered(base, attempt))) attempt += 1;
		const [row] = await tx`
			insert into public.canvas_templates (slug, name, description, layout, built_in, created_by)
			values (${numbered(base, attempt)}, ${template.name}, ${template.description}, ${tx.json(layout)}, false, ${actor})
			returning id, slug, name, description, layout, built_in
		`;
		const created = row ? toTemplate(row, consoleLog) : null;
		if (!created) throw new Error('template not stored');
		await recordAudit(tx, { actor, action: 'template.added', details: { templateId: created.id, slug: created.slug, name: created.name } });
		return created;
	});
}

/**
 * Deletes an organizer's own template. Agenda items that used it keep their place and lose
 * only the technique (`on delete set null`); built-in templates cannot be deleted.
 */
export async function deleteTemplate(sql: Sql, id: string, actor: string): Promise<{ name: string; agendaItems: number }> {
	if (!z.uuid().safeParse(id).success) throw new TemplateChangeRefused('not-found', 'formulier', 'Deze werkvorm bestaat niet (meer).');
	return transaction(sql, async (tx) => {
		const [row] = await tx<{ name: string; built_in: boolean }[]>`
			select name, built_in from public.canvas_templates where id = ${id} for update
		`;
		if (!row) throw new TemplateChangeRefused('not-found', 'formulier', 'Deze werkvorm bestaat niet (meer).');
		if (row.built_in) {
			throw new TemplateChangeRefused('built-in', 'formulier', `‘${row.name}’ is een standaardwerkvorm en kan niet worden verwijderd.`);
		}
		const [usage] = await tx<{ count: number }[]>`select count(*)::int as count from public.agenda_items where template_id = ${id}`;
		await tx`delete from public.canvas_templates where id = ${id}`;
		const agendaItems = usage?.count ?? 0;
		await recordAudit(tx, { actor, action: 'template.deleted', details: { templateId: id, name: row.name, agendaItems } });
		return { name: row.name, agendaItems };
	});
}
