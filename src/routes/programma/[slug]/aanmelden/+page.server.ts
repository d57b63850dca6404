import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { eventSlugSchema } from '$lib/events/schema';
import {
	COUNT_FIELD,
	errorsByField,
	HONEYPOT_FIELD,
	participantCount,
	readSignUpForm
} from '$lib/registrations/sign-up-form';
import { MAX_PARTICIPANTS_PER_SIGN_UP, signUpSchema } from '$lib/registrations/sign-up-schema';
import { findPublishedProgramme } from '$lib/server/events/programme';
import { assertCsrf, csrfFor } from '$lib/server/http/csrf';
import { accessTokenSchema } from '$lib/server/registrations/access-token';
import { signUpOpenness } from '$lib/server/registrations/openness';
import { listCurrentOrganisations, organisationResolver } from '$lib/server/registrations/organisations';
import { findRegistrationByToken } from '$lib/server/registrations/queries';
import { resendPersonalLink } from '$lib/server/registrations/resend-link';
import { signUpRateLimit } from '$lib/server/registrations/sign-up-limit';
import { SignUpRefused, signUp } from '$lib/server/registrations/sign-up';

async function programmeOr404(sql: App.Locals['sql'], slugParam: string) {
	const slug = eventSlugSchema.safeParse(slugParam);
	const programme = slug.success ? await findPublishedProgramme(sql, slug.data) : null;
	if (!programme) error(404, 'Dit programma bestaat niet, of is (nog) niet gepubliceerd.');
	return programme;
}

/** Everything the form posted, as strings, to fill it in again after a refusal. */
function keptValues(form: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		if (key === 'csrf' || key === HONEYPOT_FIELD) continue;
		const all = form.getAll(key).filter((value): value is string => typeof value === 'string');
		values[key] = all.length > 1 || key.endsWith('-sessie') ? all : (all[0] ?? '');
	}
	return values;
}

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const programme = await programmeOr404(locals.sql, params.slug);
	const [organisations, openness] = await Promise.all([
		listCurrentOrganisations(locals.sql),
		signUpOpenness(locals.sql, programme.id)
	]);

	// "Collega aanmelden" from a personal page: the organisation and its invoice details are
	// offered again — only to whoever holds that participant's link.
	let prefill: Record<string, string> | null = null;
	const from = accessTokenSchema.safeParse(url.searchParams.get('van'));
	if (from.success) {
		event.setHeaders({ 'cache-control': 'private, no-store' });
		const colleague = await findRegistrationByToken(locals.sql, from.data);
		if (colleague && colleague.eventId === programme.id && !colleague.anonymisedAt) {
			prefill = {
				'organisatie-soort': colleague.organisationCode ? 'lijst' : 'anders',
				organisatie: colleague.organisationCode ? colleague.organisationName : '',
				'organisatie-anders': colleague.organisationCode ? '' : colleague.organisationName,
				innovatieregeling: colleague.hasInnovationScheme,
				'factuur-naam': colleague.billingName,
				'factuur-afdeling': colleague.billingDepartment ?? '',
				'factuur-adres': colleague.billingStreet,
				'factuur-postcode': colleague.billingPostcode,
				'factuur-plaats': colleague.billingCity,
				'factuur-email': colleague.billingEmail,
				kostenplaats: colleague.costCentre ?? ''
			};
		}
	}

	return {
		programme,
		organisations: organisations.map((organisation) => organisation.label),
		openness,
		prefill,
		csrf: csrfFor(event)
	};
};

export const actions: Actions = {
	/** The sign-up itself. */
	aanmelden: async (event) => {
		const { locals, params, request } = event;
		const form = await request.formData();
		assertCsrf(event, form);
		const values = keptValues(form);
		const count = participantCount(form);

		if (form.get(HONEYPOT_FIELD)) {
			locals.log.warn('sign-up refused: honeypot filled');
			return fail(400, { values, count, errors: {}, message: 'Je aanmelding kon niet worden verwerkt. Neem contact op met de organisatie als dit blijft gebeuren.' });
		}
		if (!signUpRateLimit(locals.config.SIGN_UP_RATE_LIMIT).take(event.getClientAddress())) {
			return fail(429, { values, count, errors: {}, message: 'Er zijn vanaf dit adres te veel aanmeldingen kort na elkaar gedaan. Probeer het over een uur opnieuw, of neem contact op met de organisatie.' });
		}

		const programme = await programmeOr404(locals.sql, params.slug);
		const resolve = organisationResolver(await listCurrentOrganisations(locals.sql));
		const parsed = signUpSchema.safeParse(readSignUpForm(form, resolve));
		if (!parsed.success) {
			return fail(400, { values, count, errors: errorsByField(parsed.error), message: 'Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.' });
		}
		let firstToken: string;
		try {
			const result = await signUp(locals.sql, programme.id, parsed.data, { origin: locals.config.publicOrigin });
			firstToken = result.participants.map((participant) => participant.accessToken)[0] ?? '';
		} catch (caught) {
			if (caught instanceof SignUpRefused) {
				if (caught.reason === 'duplicate') {
					// Whoever owns the address gets their link again; nobody gets a second registration.
					for (const email of caught.duplicateEmails) {
						await resendPersonalLink(locals.sql, programme.id, email, locals.config.publicOrigin);
					}
				}
				const status = caught.reason === 'duplicate' ? 409 : caught.reason === 'not-found' ? 404 : 400;
				return fail(status, { values, count, errors: caught.fields, message: caught.message });
			}
			throw caught;
		}
		// The first participant's page confirms the sign-up and lists the colleagues signed up with them.
		redirect(303, `/aanmelding/${firstToken}?aangemeld=${count}`);
	},

	/** Another participant block (works without JavaScript: the page comes back with one more). */
	meer: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const count = Math.min(participantCount(form) + 1, MAX_PARTICIPANTS_PER_SIGN_UP);
		const values = keptValues(form);
		values[COUNT_FIELD] = String(count);
		return { values, count, errors: {}, focus: count - 1 };
	},

	/** Remove the last participant block. */
	minder: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const count = Math.max(participantCount(form) - 1, 1);
		const values = keptValues(form);
		values[COUNT_FIELD] = String(count);
		// Focus goes to the block that is now last (the button pressed is gone).
		return { values, count, errors: {}, focus: count - 1 };
	},

	/** "Link kwijt?": sends the personal link again, without telling whether the address is known. */
	link: async (event) => {
		const { locals, params, request } = event;
		const form = await request.formData();
		assertCsrf(event, form);
		const programme = await programmeOr404(locals.sql, params.slug);
		const email = String(form.get('link-email') ?? '').trim();
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254) {
			return fail(400, { linkEmail: email, linkError: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.' });
		}
		if (!signUpRateLimit(locals.config.SIGN_UP_RATE_LIMIT).take(`link:${event.getClientAddress()}`)) {
			return fail(429, { linkEmail: email, linkError: 'Te veel aanvragen kort na elkaar. Probeer het later opnieuw.' });
		}
		await resendPersonalLink(locals.sql, programme.id, email, locals.config.publicOrigin);
		return { linkSent: true, linkEmail: email };
	}
};
