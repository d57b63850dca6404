import type { Sql } from '../db/database';

/** A current gemeente or provincie, as the sign-up form offers it. */
export interface Organisation {
	code: string;
	kind: 'gemeente' | 'provincie';
	name: string;
	/** "Gemeente Utrecht", "Provincie Utrecht": unique, so the form can submit it as typed. */
	label: string;
}

export function organisationLabel(kind: 'gemeente' | 'provincie', name: string): string {
	return `${kind === 'gemeente' ? 'Gemeente' : 'Provincie'} ${name}`;
}

/** The gemeenten and provincies of the current CBS indeling, provincies first, then by name. */
export async function listCurrentOrganisations(sql: Sql): Promise<Organisation[]> {
	const rows = await sql<{ code: string; kind: 'gemeente' | 'provincie'; name: string }[]>`
		select code, kind, name from public.organisations
		where valid_until is null
		order by kind desc, name collate "C"
	`;
	return rows
		.map((row) => ({ ...row, label: organisationLabel(row.kind, row.name) }))
		.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'nl') : a.kind === 'provincie' ? -1 : 1));
}

/**
 * Maps what someone typed or picked to a CBS code: the exact label ("Gemeente Utrecht"), the
 * bare code ("GM0344"), or a bare name that is unambiguous ("Zandvoort"; not "Utrecht", which is
 * both a gemeente and a provincie). Case and surrounding spaces do not matter.
 */
export function organisationResolver(organisations: Organisation[]): (typed: string) => string | undefined {
	const byKey = new Map<string, string | null>();
	const add = (key: string, code: string) => {
		const normal = key.trim().toLocaleLowerCase('nl');
		byKey.set(normal, byKey.has(normal) && byKey.get(normal) !== code ? null : code);
	};
	for (const organisation of organisations) {
		add(organisation.label, organisation.code);
		add(organisation.code, organisation.code);
		add(organisation.name, organisation.code);
	}
	return (typed) => byKey.get(typed.trim().toLocaleLowerCase('nl')) ?? undefined;
}
