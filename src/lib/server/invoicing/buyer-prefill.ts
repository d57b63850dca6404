import type { Sql } from '../db/database';
import { buyerName, findBuyerProfile, type BuyerProfileInput } from './buyer-profiles';
import { buyerFormValues } from './forms/buyer-profile-form';
import { loadSellerSettings } from './seller-settings';

/** What a new buyer profile starts with: the invoice details last given at sign-up. */
export type BuyerPrefill = Pick<BuyerProfileInput, 'legalName' | 'department' | 'street' | 'postcode' | 'city' | 'billingEmail'>;

/**
 * The invoice details of the most recent registration of the organisation behind `key` (a CBS
 * code or `anders:<name in lower case>`), so the organizer need not type again what a
 * participant already gave (WCAG 3.3.7). A registration that was anonymised counts only when
 * there is no other; its placeholder e-mail address is left out.
 */
export async function prefillBuyerProfile(sql: Sql, key: string): Promise<BuyerPrefill | null> {
	const other = key.startsWith('anders:') ? key.slice('anders:'.length) : null;
	const [row] = await sql<
		{
			billing_name: string;
			billing_department: string | null;
			billing_street: string;
			billing_postcode: string;
			billing_city: string;
			billing_email: string;
			anonymised: boolean;
		}[]
	>`
		select billing_name, billing_department, billing_street, billing_postcode, billing_city, billing_email,
			anonymised_at is not null as anonymised
		from public.registrations
		where ${other === null ? sql`organisation_code = ${key}` : sql`lower(organisation_other) = ${other}`}
		order by anonymised_at is not null, sequence desc
		limit 1
	`;
	if (!row) return null;
	return {
		legalName: row.billing_name,
		department: row.billing_department,
		street: row.billing_street,
		postcode: row.billing_postcode,
		city: row.billing_city,
		// An anonymised registration may carry a placeholder that can never receive mail.
		billingEmail: row.anonymised && row.billing_email.endsWith('@invalid') ? '' : row.billing_email
	};
}

/** Everything the buyer page shows, or null when no organisation is known under `key`. */
export async function loadBuyerForm(sql: Sql, key: string) {
	const name = await buyerName(sql, key);
	if (name === null) return null;
	const profile = await findBuyerProfile(sql, key);
	const prefill = profile ? null : await prefillBuyerProfile(sql, key);
	const seller = await loadSellerSettings(sql);
	return {
		key,
		name,
		hasProfile: profile !== null,
		prefilled: prefill !== null,
		stored: buyerFormValues(profile ?? prefill),
		/** The format for buyers without a choice of their own; null while the seller is not set up. */
		sellerDefault: seller?.defaultUblProfile ?? null
	};
}
