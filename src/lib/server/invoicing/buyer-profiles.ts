import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { organisationLabel } from '../registrations/organisations';
import type { UblProfile } from './invoice-document';

/**
 * What the organizer knows of a buyer (a gemeente, provincie or other public body): its official
 * name, invoice address and identifiers. Keyed like "the same organisation" elsewhere: the CBS
 * code, or `anders:<name in lower case>` for other public bodies.
 */
export interface BuyerProfile {
	key: string;
	legalName: string;
	department: string | null;
	street: string;
	postcode: string;
	city: string;
	kvk: string | null;
	oin: string | null;
	peppolId: string | null;
	billingEmail: string;
	/** Null: the seller's default. */
	ublProfile: UblProfile | null;
}

export type BuyerProfileInput = Omit<BuyerProfile, 'key'>;

const OTHER_PREFIX = 'anders:';

/** The key of an organisation that is not a gemeente or provincie. */
export function otherBuyerKey(name: string): string {
	return `${OTHER_PREFIX}${name.toLocaleLowerCase('nl')}`;
}

type ProfileRow = {
	organisation_code: string | null;
	organisation_other: string | null;
	legal_name: string;
	department: string | null;
	street: string;
	postcode: string;
	city: string;
	kvk: string | null;
	oin: string | null;
	peppol_id: string | null;
	billing_email: string;
	ubl_profile: UblProfile | null;
};

function fromRow(row: ProfileRow): BuyerProfile {
	return {
		key: row.organisation_code ?? otherBuyerKey(row.organisation_other ?? ''),
		legalName: row.legal_name,
		department: row.department,
		street: row.street,
		postcode: row.postcode,
		city: row.city,
		kvk: row.kvk,
		oin: row.oin,
		peppolId: row.peppol_id,
		billingEmail: row.billing_email,
		ublProfile: row.ubl_profile
	};
}

export async function findBuyerProfile(sql: Sql, key: string): Promise<BuyerProfile | null> {
	const rows = key.startsWith(OTHER_PREFIX)
		? await sql<ProfileRow[]>`select * from public.buyer_profiles where lower(organisation_other) = ${key.slice(OTHER_PREFIX.length)}`
		: await sql<ProfileRow[]>`select * from public.buyer_profiles where organisation_code = ${key}`;
	return rows[0] ? fromRow(rows[0]) : null;
}

/** A buyer as the desk lists it: every organisation that signed up for something, with its profile if any. */
export interface BuyerSummary {
	key: string;
	name: string;
	kind: 'gemeente' | 'provincie' | 'anders';
	registrations: number;
	hasProfile: boolean;
	peppolId: string | null;
}

export async function listBuyers(sql: Sql): Promise<BuyerSummary[]> {
	return sql<BuyerSummary[]>`
		with seen as (
			select coalesce(r.organisation_code, 'anders:' || lower(r.organisation_other)) as key,
				min(coalesce(o.name, r.organisation_other)) as name,
				coalesce(min(o.kind), 'anders') as kind,
				count(*)::int as registrations
			from public.registrations r left join public.organisations o on o.code = r.organisation_code
			group by 1
		)
		select s.key, coalesce(p.legal_name, s.name) as name, s.kind, s.registrations,
			(p.id is not null) as "hasProfile", p.peppol_id as "peppolId"
		from seen s
		left join public.buyer_profiles p
			on p.organisation_code = s.key or ('anders:' || lower(p.organisation_other)) = s.key
		order by 2
	`;
}

/** The name of the organisation behind a key, for headings: "Gemeente Utrecht", or the name as typed. */
export async function buyerName(sql: Sql, key: string): Promise<string | null> {
	if (key.startsWith(OTHER_PREFIX)) {
		const [row] = await sql<{ name: string }[]>`
			select organisation_other as name from public.registrations
			where lower(organisation_other) = ${key.slice(OTHER_PREFIX.length)} order by sequence limit 1
		`;
		return row?.name ?? null;
	}
	const [row] = await sql<{ kind: 'gemeente' | 'provincie'; name: string }[]>`select kind, name from public.organisations where code = ${key}`;
	// "Gemeente Utrecht", not "Utrecht": a gemeente and a provincie can share a name.
	return row ? organisationLabel(row.kind, row.name) : null;
}

/** Creates or replaces the profile of one buyer. */
export async function saveBuyerProfile(sql: Sql, key: string, input: BuyerProfileInput, actor: string): Promise<void> {
	const name = await buyerName(sql, key);
	if (name === null) throw new RangeError(`no organisation known under ${key}`);
	const values = {
		legal_name: input.legalName,
		department: input.department,
		street: input.street,
		postcode: input.postcode,
		city: input.city,
		kvk: input.kvk,
		oin: input.oin,
		peppol_id: input.peppolId,
		billing_email: input.billingEmail,
		ubl_profile: input.ublProfile
	};
	await sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		if (key.startsWith(OTHER_PREFIX)) {
			// One upsert, so two organizers saving at once cannot both insert.
			await tx`
				insert into public.buyer_profiles ${tx({ ...values, organisation_other: name })}
				on conflict (lower(organisation_other)) where organisation_other is not null
				do update set ${tx(values)}, updated_at = now()
			`;
		} else {
			await tx`
				insert into public.buyer_profiles ${tx({ ...values, organisation_code: key })}
				on conflict (organisation_code) do update set ${tx(values)}, updated_at = now()
			`;
		}
		await recordAudit(tx, { actor, action: 'invoicing.buyer-changed', details: { buyer: key } });
	});
}
