import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invoiceField } from '$lib/registrations/sign-up-form';
import { invoiceDetailsSchema, participantSchema } from '$lib/registrations/sign-up-schema';
import { findProgrammeById } from '$lib/server/events/programme';
import { assertCsrf, csrfFor } from '$lib/server/http/csrf';
import { accessTokenSchema } from '$lib/server/registrations/access-token';
import {
	cancelRegistration,
	RegistrationChangeRefused,
	setParticipantListConsent,
	substituteParticipant,
	updateInvoiceDetails
} from '$lib/server/registrations/lifecycle';
import { batchColleagues, findRegistrationByToken } from '$lib/server/registrations/queries';
import { billingRows } from '$lib/server/invoicing/billing-state';
import { amsterdamToday } from '$lib/server/invoicing/calendar-date';
import { loadFeeSettings } from '$lib/server/invoicing/fee-settings-store';
import { registrationInvoices } from '$lib/server/invoicing/invoice-queries';
import { joinWithRegistration, JoinRefused, setParticipantCookie } from '$lib/server/live/participants';
import { publishedReportTitles } from '$lib/server/reports/report-store';
import { sharedTakeaways, stopSharingTakeaway } from '$lib/server/live/participant-actions';
import { z } from 'zod';

const GONE = 'Deze link is niet (meer) geldig. Is je plaats overgedragen aan een collega, dan heeft die een nieuwe link gekregen. Vraag je link opnieuw aan via het aanmeldformulier.';

/** The registration behind the link, or a Dutch 404: forged, mistyped and replaced links look alike. */
async function registrationOr404(event: RequestEvent<{ token: string }>) {
	const token = accessTokenSchema.safeParse(event.params.token);
	const registration = token.success ? await findRegistrationByToken(event.locals.sql, token.data) : null;
	if (!registration || registration.anonymisedAt || !token.success) error(404, GONE);
	return { registration, token: token.data };
}

/** The sign-up's colleagues are shown once, right after signing up — not to whoever holds a link later. */
const COLLEAGUES_SHOWN_FOR_MS = 60 * 60 * 1000;

function refusal(caught: unknown, extra: Record<string, unknown> = {}) {
	if (caught instanceof RegistrationChangeRefused) {
		return fail(caught.reason === 'not-found' ? 404 : 409, { ...extra, message: caught.message });
	}
	throw caught;
}

export const load: PageServerLoad = async (event) => {
	// Set here only: after a form action SvelteKit runs this load in the same request, and a
	// header may be set once per response.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { registration } = await registrationOr404(event);
	const programme = await findProgrammeById(event.locals.sql, registration.eventId);
	if (!programme) error(404, GONE);
	const justSignedUp = Number(event.url.searchParams.get('aangemeld')) || 0;
	const recent = Date.now() - registration.createdAt.getTime() < COLLEAGUES_SHOWN_FOR_MS;
	const fee = await loadFeeSettings(event.locals.sql, registration.eventId);
	const [billing] = fee ? await billingRows(event.locals.sql, registration.eventId, fee, [registration.id]) : [];
	const invoices = await registrationInvoices(event.locals.sql, registration.id, amsterdamToday());
	return {
		registration,
		programme,
		charge: billing?.charge ?? null,
		stage: billing?.stage ?? null,
		// What the participant's page offers: number, date, amount and whether it is paid.
		invoices: invoices.map((invoice) => ({
			number: invoice.number,
			kind: invoice.kind,
			issueDate: invoice.issueDate,
			grossCents: invoice.grossCents,
			status: invoice.status,
			downloadable: invoice.registrationCount === 1
		})),
		liveSessions:
			registration.status === 'confirmed'
				? await event.locals.sql<{ session_id: string; title: string; status: string }[]>`
						select l.session_id, s.title, l.status
						from public.live_sessions l
						join public.event_sessions s on s.id = l.session_id
						join public.registration_sessions rs on rs.session_id = s.id and rs.registration_id = ${registration.id}
						where l.status <> 'ended'
						order by s.position
					`
				: [],
		// Published session reports, read through this link (which unlocks a private publication).
		reports: registration.status === 'confirmed' ? await publishedReportTitles(event.locals.sql, registration.eventId) : [],
		sharedTakeaways: await sharedTakeaways(event.locals.sql, registration.id),
		colleagues: justSignedUp > 1 && recent ? await batchColleagues(event.locals.sql, registration) : [],
		justSignedUp: justSignedUp > 0,
		csrf: csrfFor(event)
	};
};

/** The participant acts through the link: its secret is checked again under the row lock. */
const context = (event: RequestEvent, accessToken: string) => ({
	actor: 'deelnemer',
	origin: event.locals.config.publicOrigin,
	accessToken
});

export const actions: Actions = {
	/** Into the live session: recognised from this link, nothing to fill in. */
	live: async (event) => {
		const { token } = await registrationOr404(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const sessionId = z.uuid().safeParse(form.get('sessie'));
		if (!sessionId.success) return fail(400, { message: 'Kies een sessie.' });
		try {
			await joinWithRegistration(event.locals.sql, sessionId.data, token).then(async (joined) => {
				setParticipantCookie(event.cookies, joined.deviceToken, event.url.protocol === 'https:');
				await event.locals.live.changed(sessionId.data);
			});
		} catch (caught) {
			if (caught instanceof JoinRefused) return fail(409, { message: caught.message });
			throw caught;
		}
		const [live] = await event.locals.sql<{ join_code: string }[]>`select join_code from public.live_sessions where session_id = ${sessionId.data}`;
		redirect(303, `/sessie/${live!.join_code}`);
	},
	/** No longer share one's take-away: off the wall and out of a published report. */
	'niet-meer-delen': async (event) => {
		const { registration } = await registrationOr404(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const sessionId = z.uuid().safeParse(form.get('sessie'));
		if (!sessionId.success) return fail(400, { message: 'Kies een sessie.' });
		const stopped = await stopSharingTakeaway(event.locals.sql, registration.id, sessionId.data);
		if (stopped) await event.locals.live.changed(sessionId.data);
		return { takeawayWithdrawn: stopped };
	},

	factuur: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const { registration, token } = await registrationOr404(event);
		const raw = Object.fromEntries(Object.entries(invoiceField).map(([key, name]) => [key, String(form.get(name) ?? '')]));
		const parsed = invoiceDetailsSchema.safeParse(raw);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const name = invoiceField[issue.path[0] as keyof typeof invoiceField];
				if (name) errors[name] ??= issue.message;
			}
			return fail(400, { invoiceValues: raw, invoiceErrors: errors, message: 'Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.' });
		}
		if (registration.status === 'cancelled') return fail(409, { message: 'Deze aanmelding is geannuleerd; de factuurgegevens liggen vast.' });
		try {
			await updateInvoiceDetails(event.locals.sql, registration.id, parsed.data, context(event, token));
		} catch (caught) {
			return refusal(caught);
		}
		return { done: 'De factuurgegevens zijn opgeslagen.' };
	},

	deelnemerslijst: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const { registration, token } = await registrationOr404(event);
		const consent = form.get('deelnemerslijst') === 'ja';
		try {
			await setParticipantListConsent(event.locals.sql, registration.id, consent, context(event, token));
		} catch (caught) {
			return refusal(caught);
		}
		return { done: consent ? 'Je staat op de deelnemerslijst.' : 'Je staat niet (meer) op de deelnemerslijst.' };
	},

	annuleren: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const { registration, token } = await registrationOr404(event);
		if (form.get('bevestig') !== 'ja') {
			return fail(400, { cancelError: 'Vink aan dat je je aanmelding wilt annuleren.' });
		}
		try {
			await cancelRegistration(event.locals.sql, registration.id, context(event, token));
		} catch (caught) {
			return refusal(caught);
		}
		return { done: 'Je aanmelding is geannuleerd. Je ontvangt een bevestiging per e-mail.' };
	},

	vervanging: async (event) => {
		const form = await event.request.formData();
		assertCsrf(event, form);
		const { registration, token } = await registrationOr404(event);
		const raw = {
			name: String(form.get('vervanger-naam') ?? ''),
			email: String(form.get('vervanger-email') ?? ''),
			jobTitle: String(form.get('vervanger-functie') ?? ''),
			phone: String(form.get('vervanger-telefoon') ?? '')
		};
		const parsed = participantSchema.pick({ name: true, email: true, jobTitle: true, phone: true }).safeParse(raw);
		const names = { name: 'vervanger-naam', email: 'vervanger-email', jobTitle: 'vervanger-functie', phone: 'vervanger-telefoon' } as const;
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) errors[names[issue.path[0] as keyof typeof names]] ??= issue.message;
			return fail(400, { substituteValues: raw, substituteErrors: errors, message: 'Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.' });
		}
		try {
			await substituteParticipant(event.locals.sql, registration.id, parsed.data, context(event, token));
		} catch (caught) {
			return refusal(caught, { substituteValues: raw, substituteErrors: {} });
		}
		// This link no longer belongs to anyone: the colleague received their own.
		redirect(303, `/aanmelding/overgedragen`);
	}
};
