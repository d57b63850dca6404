import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import type { Seller, UblProfile } from './invoice-document';

/** The organisation that sends the invoices, as the organizer set it on `/beheer/facturering`. */
export interface SellerSettings {
	legalName: string;
	street: string;
	postcode: string;
	city: string;
	kvk: string;
	vatId: string;
	iban: string;
	bic: string | null;
	paymentTermDays: number;
	invoiceEmail: string;
	phone: string | null;
	defaultUblProfile: UblProfile;
	logo: { contentType: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | null;
}

/** What the settings form changes; the logo has its own field. */
export type SellerSettingsInput = Omit<SellerSettings, 'logo'>;

/** What to do with the logo when the form is saved. */
export type LogoChange =
	| { action: 'keep' }
	| { action: 'remove' }
	| { action: 'replace'; contentType: 'image/png' | 'image/jpeg'; bytes: Uint8Array };

export async function loadSellerSettings(sql: Sql): Promise<SellerSettings | null> {
	const [row] = await sql<
		{
			legal_name: string;
			street: string;
			postcode: string;
			city: string;
			kvk: string;
			vat_id: string;
			iban: string;
			bic: string | null;
			payment_term_days: number;
			invoice_email: string;
			phone: string | null;
			default_ubl_profile: UblProfile;
			logo: Uint8Array | null;
			logo_content_type: 'image/png' | 'image/jpeg' | null;
		}[]
	>`select * from public.seller_settings where id`;
	if (!row) return null;
	return {
		legalName: row.legal_name,
		street: row.street,
		postcode: row.postcode,
		city: row.city,
		kvk: row.kvk,
		vatId: row.vat_id,
		iban: row.iban,
		bic: row.bic,
		paymentTermDays: row.payment_term_days,
		invoiceEmail: row.invoice_email,
		phone: row.phone,
		defaultUblProfile: row.default_ubl_profile,
		logo: row.logo && row.logo_content_type ? { contentType: row.logo_content_type, bytes: new Uint8Array(row.logo) } : null
	};
}

/** The seller as an invoice snapshot holds it (the logo inline, so a later change leaves it be). */
export function sellerForDocument(settings: SellerSettings): Seller {
	return {
		legalName: settings.legalName,
		address: { street: settings.street, postcode: settings.postcode, city: settings.city, countryCode: 'NL' },
		kvk: settings.kvk,
		vatId: settings.vatId,
		iban: settings.iban,
		bic: settings.bic,
		email: settings.invoiceEmail,
		phone: settings.phone,
		logo: settings.logo ? { contentType: settings.logo.contentType, base64: Buffer.from(settings.logo.bytes).toString('base64') } : null
	};
}

/** Stores the seller's details (one row); issued invoices keep the details they were issued with. */
export async function saveSellerSettings(sql: Sql, input: SellerSettingsInput, logo: LogoChange, actor: string): Promise<void> {
	await sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		const values = {
			legal_name: input.legalName,
			street: input.street,
			postcode: input.postcode,
			city: input.city,
			kvk: input.kvk,
			vat_id: input.vatId,
			iban: input.iban,
			bic: input.bic,
			payment_term_days: input.paymentTermDays,
			invoice_email: input.invoiceEmail,
			phone: input.phone,
			default_ubl_profile: input.defaultUblProfile
		};
		await tx`
			insert into public.seller_settings ${tx(values)}
			on conflict (id) do update set ${tx(values)}, updated_at = now()
		`;
		if (logo.action === 'remove') {
			await tx`update public.seller_settings set logo = null, logo_content_type = null where id`;
		} else if (logo.action === 'replace') {
			await tx`update public.seller_settings set logo = ${Buffer.from(logo.bytes)}, logo_content_type = ${logo.contentType} where id`;
		}
		await recordAudit(tx, { actor, action: 'invoicing.seller-changed', details: { logo: logo.action } });
	});
}
