import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { invoiceField } from '$lib/registrations/sign-up-form';
import { invoiceDetailsSchema, participantSchema } from '$lib/registrations/sign-up-schema';
import { requireOrganizer, requireStaff } from '$lib/server/auth/guard';
import { assertCsrf } from '$lib/server/http/csrf';
import { refusalFailure } from '$lib/server/registrations/desk-refusal';
import {
	cancelRegistration,
	moveToWaitingList,
	promoteRegistration,
	setCheckIn,
	substituteParticipant,
	updateInvoiceDetails
} from '$lib/server/registrations/lifecycle';
import { anonymiseRegistration } from '$lib/server/registrations/privacy';
import {
	batchColleagues,
	findRegistration,
	registrationHistory,
	registrationMails
} from '$lib/server/registrations/queries';
import { billingRows } from '$lib/server/invoicing/billing-state';
import { amsterdamToday } from '$lib/server/invoicing/calendar-date';
import { emailDelivery } from '$lib/server/invoicing/delivery';
import { loadFeeSettings } from '$lib/server/invoicing/fee-settings-store';
import { registrationInvoices } from '$lib/server/invoicing/invoice-queries';
import { InvoicingRefused } from '$lib/server/invoicing/invoicing-refused';
import { issueInvoices } from '$lib/server/invoicing/issue-invoices';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'Deze aanmelding bestaat niet (meer).';

/** The registration in the URL, only when it belongs to the event in the URL. */
async function registrationOf(event: Pick<RequestEvent<{ slug: string; id: string }>, 'params' | 'locals'>) {
	const id = z.uuid().safeParse(event.params.id);
	const registration = id.success ? await findRegistration(event.locals.sql, id.data) : null;
	if (!registration || registration.eventSlug !== event.params.slug) error(404, NOT_FOUND);
	return registration;
}

export const load: PageServerLoad = async (event) => {
	const { member } = requireStaff(event);
	const registration = await registrationOf(event);
	const fee = await loadFeeSettings(event.locals.sql, registration.eventId);
	const [history, mails, colleagues, billing, invoices] = await Promise.all([
		registrationHistory(event.locals.sql, registration.id),
		registrationMails(event.locals.sql, registration.id),
		batchColleagues(event.locals.sql, registration),
		// Money is for organizers: facilitators at the door see neither amounts nor invoices.
		fee && member.role === 'organizer' ? billingRows(event.locals.sql, registration.eventId, fee, [registration.id]) : Promise.resolve([]),
		member.role === 'organizer' ? registrationInvoices(event.locals.sql, registration.id, amsterdamToday()) : Promise.resolve([])
	]);
	return {
		registration,
		history,
		mails,
		colleagues,
		billing: billing[0] ?? null,
		invoices,
		isOrganizer: member.role === 'organizer',
		smtpConfigured: event.locals.config.SMTP_URL !== undefined
	};
};

/** Signed in as organizer, a valid CSRF token, and the registration: what every organizer action starts with. */
async function organizerPost(event: RequestEvent<{ slug: string; id: string }>) {
	const { member } = requireOrganizer(event);
	const form = await event.request.formData();
	assertCsrf(event, form);
	const registration = await registrationOf(event);
	const context = { actor: member.email, origin: event.locals.config.publicOrigin };
	return { form, registration, context, actor: member.email };
}

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

const substituteField = {
	name: 'vervanger-naam',
	email: 'vervanger-email',
	jobTitle: 'vervanger-functie',
	phone: 'vervanger-telefoon'
} as const;

const substituteSchema = participantSchema.pick({ name: true, email: true, jobTitle: true, phone: true });

export const actions: Actions = {
	plaats: async (event) => {
		const { registration, context } = await organizerPost(event);
		try {
			await promoteRegistration(event.locals.sql, registration.id, context);
		} catch (caught) {
			return refusalFailure(caught, { action: 'plaats' });
		}
		return { action: 'plaats', done: `${registration.name} heeft een plaats gekregen en krijgt daarover een e-mail.` };
	},

	wachtlijst: async (event) => {
		const { registration, context } = await organizerPost(event);
		let promoted: string[];
		try {
			({ promoted } = await moveToWaitingList(event.locals.sql, registration.id, context));
		} catch (caught) {
			return refusalFailure(caught, { action: 'wachtlijst' });
		}
		const passedOn =
			promoted.length > 0
				? ' De vrijgekomen plaats is naar de volgende op de wachtlijst gegaan, die daarover ook een e-mail krijgt.'
				: ' Er wachtte niemand anders, dus er is nu een plaats vrij.';
		return {
			action: 'wachtlijst',
			done: `${registration.name} staat nu achteraan op de wachtlijst en krijgt daarover een e-mail.${passedOn}`
		};
	},

	annuleren: async (event) => {
		const { form, registration, context } = await organizerPost(event);
		if (form.get('bevestig') !== 'ja') {
			return fail(400, { action: 'annuleren', message: 'Vink aan dat je deze aanmelding wilt annuleren.' });
		}
		let promoted: string[];
		try {
			({ promoted } = await cancelRegistration(event.locals.sql, registration.id, context, { waiveFee: form.get('kosteloos') === 'ja' }));
		} catch (caught) {
			return refusalFailure(caught, { action: 'annuleren' });
		}
		const handedOn =
			promoted.length === 0
				? ''
				: promoted.length === 1
					? ' De vrijgekomen plaats is naar de eerste op de wachtlijst gegaan.'
					: ` De vrijgekomen plaatsen zijn naar ${promoted.length} mensen op de wachtlijst gegaan.`;
		return { action: 'annuleren', done: `De aanmelding is geannuleerd en ${registration.name} krijgt een bevestiging per e-mail.${handedOn}` };
	},

	vervanging: async (event) => {
		const { form, registration, context } = await organizerPost(event);
		const values = {
			name: text(form, substituteField.name),
			email: text(form, substituteField.email),
			jobTitle: text(form, substituteField.jobTitle),
			phone: text(form, substituteField.phone)
		};
		const parsed = substituteSchema.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const key = issue.path[0];
				if (typeof key === 'string' && key in substituteField) errors[substituteField[key as keyof typeof substituteField]] ??= issue.message;
			}
			return fail(400, { action: 'vervanging', values, errors, message: 'Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.' });
		}
		try {
			await substituteParticipant(event.locals.sql, registration.id, parsed.data, context);
		} catch (caught) {
			return refusalFailure(caught, { action: 'vervanging', values, errors: {} as Record<string, string> });
		}
		return {
			action: 'vervanging',
			done: `${parsed.data.name} neemt de plaats over van ${registration.name}. Beiden krijgen een e-mail; de oude persoonlijke link werkt niet meer.`
		};
	},

	factuur: async (event) => {
		const { form, registration, context } = await organizerPost(event);
		const values = Object.fromEntries(Object.entries(invoiceField).map(([key, name]) => [key, text(form, name)]));
		const parsed = invoiceDetailsSchema.safeParse(values);
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const issue of parsed.error.issues) {
				const key = issue.path[0];
				if (typeof key === 'string' && key in invoiceField) errors[invoiceField[key as keyof typeof invoiceField]] ??= issue.message;
			}
			return fail(400, { action: 'factuur', values, errors, message: 'Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.' });
		}
		try {
			await updateInvoiceDetails(event.locals.sql, registration.id, parsed.data, context);
		} catch (caught) {
			return refusalFailure(caught, { action: 'factuur', values, errors: {} as Record<string, string> });
		}
		return { action: 'factuur', done: 'De factuurgegevens zijn opgeslagen.' };
	},

	factureren: async (event) => {
		const { registration, actor } = await organizerPost(event);
		try {
			const [invoice] = await issueInvoices(
				event.locals.sql,
				{ eventId: registration.eventId, registrations: [registration.id], grouping: 'registration' },
				{ actor, delivery: emailDelivery }
			);
			return { action: 'factureren', done: `Factuur ${invoice?.number ?? ''} is uitgegeven en per e-mail verstuurd naar de factuurafdeling.` };
		} catch (caught) {
			if (!(caught instanceof InvoicingRefused)) throw caught;
			return fail(caught.status, { action: 'factureren', message: caught.message });
		}
	},

	// Facilitators check people in too: that is their job at the door.
	inchecken: async (event) => {
		const { member } = requireStaff(event);
		const form = await event.request.formData();
		assertCsrf(event, form);
		const registration = await registrationOf(event);
		const session = registration.sessions.find((candidate) => candidate.id === text(form, 'sessie'));
		if (!session) return fail(400, { action: 'inchecken', message: 'Deze deelnemer is niet aangemeld voor deze sessie.' });
		const checkIn = text(form, 'stand') === 'in';
		try {
			await setCheckIn(event.locals.sql, registration.id, session.id, checkIn, { actor: member.email, origin: event.locals.config.publicOrigin });
		} catch (caught) {
			return refusalFailure(caught, { action: 'inchecken' });
		}
		return {
			action: 'inchecken',
			done: checkIn ? `${registration.name} is ingecheckt voor ${session.title}.` : `Inchecken voor ${session.title} is ongedaan gemaakt.`
		};
	},

	anonimiseren: async (event) => {
		const { form, registration, actor } = await organizerPost(event);
		if (form.get('bevestig') !== 'ja') {
			return fail(400, { action: 'anonimiseren', message: 'Vink aan dat je begrijpt dat anonimiseren niet ongedaan kan worden gemaakt.' });
		}
		if (registration.anonymisedAt) return fail(409, { action: 'anonimiseren', message: 'Deze aanmelding is al geanonimiseerd.' });
		await anonymiseRegistration(event.locals.sql, registration.id, actor, { reason: 'request' });
		const freed = registration.status === 'confirmed' ? ' Er is een plaats vrijgekomen; die is niet automatisch doorgegeven aan de wachtlijst.' : '';
		return { action: 'anonimiseren', done: `De persoonsgegevens zijn verwijderd. De organisatie en de factuurgegevens zijn bewaard.${freed}` };
	}
};
