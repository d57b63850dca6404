import { z } from 'zod';

/**
 * The inputs of staff sign-in and of the team page, with their Dutch (B1) error texts. Server-only
 * on purpose: these forms are checked by the server alone, and the page shows what it says.
 */

export const staffRoleSchema = z.enum(['organizer', 'facilitator']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** An e-mail address as staff type it: trimmed and lower-cased, because `staff.email` is lower-case. */
export const staffEmailSchema = z
	.string({ error: 'Vul je e-mailadres in.' })
	.trim()
	.min(1, 'Vul je e-mailadres in.')
	.max(254, 'Dit e-mailadres is te lang.')
	.pipe(z.email({ error: 'Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@gemeente.nl.' }))
	.transform((email) => email.toLowerCase());

/** Step 1 of signing in. */
export const requestCodeSchema = z.object({ email: staffEmailSchema });

/** Step 2 of signing in: the address from step 1 and the six digits from the mail. */
export const verifyCodeSchema = z.object({
	email: staffEmailSchema,
	// People paste codes with a space in the middle ("123 456"); the digits are what count.
	code: z
		.string({ error: 'Vul de code uit de e-mail in.' })
		.transform((code) => code.replace(/\s+/g, ''))
		.pipe(
			z
				.string()
				.min(1, 'Vul de code uit de e-mail in.')
				.regex(/^\d{6}$/, 'De code bestaat uit 6 cijfers.')
		)
});

/** Adding a colleague on the team page. */
export const addStaffSchema = z.object({
	email: staffEmailSchema,
	name: z
		.string()
		.trim()
		.max(200, 'Deze naam is te lang (hooguit 200 tekens).')
		.optional()
		.transform((name) => (name ? name : null)),
	role: z.enum(['organizer', 'facilitator'], { error: 'Kies een rol: organisator of facilitator.' })
});

/** Which colleague a (de)activate button is about. */
export const staffEmailFieldSchema = z.object({ email: staffEmailSchema });

/**
 * Where to go after signing in: only a path on this site, so the sign-in page cannot be used to
 * send someone elsewhere (`//evil.example`, `/\evil.example` and `https://…` are refused).
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/beheer'): string {
	if (!value || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
	// Control characters (tabs, newlines) are dropped by URL parsers and could turn `/` + `\t/` into `//`.
	if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
	try {
		const base = 'http://same.invalid';
		const url = new URL(value, base);
		if (url.origin !== base) return fallback;
		return `${url.pathname}${url.search}${url.hash}`;
	} catch {
		return fallback;
	}
}
