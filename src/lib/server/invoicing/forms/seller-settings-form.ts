import { createHash } from 'node:crypto';
import { friendlyFormatIBAN } from 'ibantools';
import { z } from 'zod';
import { bicSchema, dutchVatIdSchema, ibanSchema, kvkNumberSchema, postcodeSchema } from '$lib/fees/identifiers';
import { logoIsDrawable } from '../pdf/logo-check';
import type { LogoChange, SellerSettings, SellerSettingsInput } from '../seller-settings';
import { emailAddress, errorsByField, optionalLine, readFields, requiredLine } from './form-fields';

/**
 * The seller's form on `/beheer/facturering`: who sends the invoices, where the money goes,
 * the default e-invoice format and the logo.
 */

/** The form's field names (Dutch, like the URLs) by schema key. */
export const sellerField = {
	legalName: 'naam',
	street: 'adres',
	postcode: 'postcode',
	city: 'plaats',
	kvk: 'kvk',
	vatId: 'btw-id',
	iban: 'iban',
	bic: 'bic',
	paymentTermDays: 'betaaltermijn',
	invoiceEmail: 'factuur-e-mail',
	phone: 'telefoon',
	defaultUblProfile: 'e-factuurformaat'
} as const satisfies Record<keyof SellerSettingsInput, string>;

/** The logo's own fields: the file, and the box that removes the stored one. */
export const logoField = { file: 'logo', remove: 'logo-verwijderen' } as const;

export type SellerFormKey = keyof typeof sellerField;
export type SellerFormValues = Record<SellerFormKey, string | undefined> & { removeLogo: string | undefined };

const paymentTermMessage = 'Vul de betaaltermijn in als aantal dagen van 1 tot en met 120, bijvoorbeeld 30.';

export const sellerSettingsFormSchema = z.object({
	legalName: requiredLine('de officiële naam', 200, 'Vul de officiële naam van je organisatie in.'),
	street: requiredLine('het adres', 200, 'Vul het adres in: straat en huisnummer, of postbus en nummer.'),
	postcode: postcodeSchema,
	city: requiredLine('de plaats', 100, 'Vul de plaats in.'),
	kvk: kvkNumberSchema,
	vatId: dutchVatIdSchema,
	iban: ibanSchema,
	bic: bicSchema.transform((value) => value ?? null),
	paymentTermDays: z
		.string({ error: paymentTermMessage })
		.trim()
		.regex(/^\d{1,3}$/, paymentTermMessage)
		.transform(Number)
		.pipe(z.number().min(1, paymentTermMessage).max(120, paymentTermMessage)),
	invoiceEmail: emailAddress('het e-mailadres voor facturen'),
	phone: optionalLine('het telefoonnummer', 40).pipe(
		z
			.string()
			.regex(/^\+?[0-9 ()-]{6,}$/, 'Vul een telefoonnummer in met alleen cijfers, spaties, + of -, bijvoorbeeld 030 123 45 67.')
			.nullable()
	),
	defaultUblProfile: z.enum(['nlcius', 'peppol'], { error: 'Kies het formaat van de e-factuur: NLCIUS of Peppol BIS Billing 3.0.' })
}) satisfies z.ZodType<SellerSettingsInput>;

/** The largest logo the database takes (256 kB): plenty for a sharp logo on an A4 invoice. */
export const MAX_LOGO_BYTES = 256 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** What the file is by its first bytes; what the browser claims is not trusted. */
function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
	const startsWith = (signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
	if (startsWith(PNG_SIGNATURE)) return 'image/png';
	if (startsWith(JPEG_SIGNATURE)) return 'image/jpeg';
	return null;
}

export type LogoUpload = { ok: true; change: LogoChange } | { ok: false; message: string };

/**
 * What the form asks for the logo: keep it, remove it, or replace it with the chosen file — a
 * PNG or JPEG (by its first bytes) of at most 256 kB. A browser posts an empty, nameless file
 * when none was chosen.
 */
export async function readLogoUpload(file: File | null, remove: boolean): Promise<LogoUpload> {
	const chosen = file !== null && (file.size > 0 || file.name !== '');
	if (!chosen) return { ok: true, change: remove ? { action: 'remove' } : { action: 'keep' } };
	if (remove) {
		return { ok: false, message: 'Kies een nieuw logo óf vink ‘Logo verwijderen’ aan, niet allebei.' };
	}
	if (file.size === 0) return { ok: false, message: 'Het gekozen bestand is leeg. Kies een PNG- of JPEG-bestand.' };
	if (file.size > MAX_LOGO_BYTES) {
		return {
			ok: false,
			message: `Dit bestand is te groot (${Math.ceil(file.size / 1024)} kB). Kies een logo van hoogstens 256 kB, of maak het kleiner.`
		};
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	const contentType = imageType(bytes);
	if (!contentType) return { ok: false, message: 'Dit bestand is geen PNG of JPEG. Kies een logo in een van die twee formaten.' };
	if (!logoIsDrawable(bytes)) {
		return { ok: false, message: 'Dit logo kan niet op een factuur worden gezet: het bestand is beschadigd of in een variant die we niet lezen. Sla het opnieuw op als PNG en probeer het nog eens.' };
	}
	return { ok: true, change: { action: 'replace', contentType, bytes } };
}

export type SellerFormParse =
	| { ok: true; input: SellerSettingsInput; logo: LogoChange }
	| { ok: false; values: SellerFormValues; errors: Record<string, string> };

/** Reads and checks the posted form with its logo; on refusal, what was typed and one Dutch message per field. */
export async function parseSellerForm(form: FormData): Promise<SellerFormParse> {
	const remove = form.get(logoField.remove);
	const values: SellerFormValues = { ...readFields(form, sellerField), removeLogo: typeof remove === 'string' ? remove : undefined };
	const file = form.get(logoField.file);
	const parsed = sellerSettingsFormSchema.safeParse(values);
	const logo = await readLogoUpload(file instanceof File ? file : null, values.removeLogo === 'ja');
	if (parsed.success && logo.ok) return { ok: true, input: parsed.data, logo: logo.change };
	const errors = parsed.success ? {} : errorsByField(parsed.error, sellerField);
	if (!logo.ok) errors[logoField.file] = logo.message;
	return { ok: false, values, errors };
}

/** The stored settings as the form's initial values; with nothing stored, the usual defaults. */
export function sellerFormValues(settings: SellerSettings | null): Record<SellerFormKey, string> {
	return {
		legalName: settings?.legalName ?? '',
		street: settings?.street ?? '',
		postcode: settings?.postcode ?? '',
		city: settings?.city ?? '',
		kvk: settings?.kvk ?? '',
		vatId: settings?.vatId ?? '',
		// In groups of four, as on a bank card; the schema reads it back without the spaces.
		iban: settings ? friendlyFormatIBAN(settings.iban) ?? settings.iban : '',
		bic: settings?.bic ?? '',
		paymentTermDays: String(settings?.paymentTermDays ?? 30),
		invoiceEmail: settings?.invoiceEmail ?? '',
		phone: settings?.phone ?? '',
		defaultUblProfile: settings?.defaultUblProfile ?? 'nlcius'
	};
}

/**
 * The stored logo for the preview: its type and a short fingerprint of its bytes, which goes
 * into the image URL so a replaced logo is fetched again.
 */
export function logoPreview(settings: SellerSettings | null): { contentType: string; version: string } | null {
	if (!settings?.logo) return null;
	return {
		contentType: settings.logo.contentType,
		version: createHash('sha256').update(settings.logo.bytes).digest('hex').slice(0, 12)
	};
}
