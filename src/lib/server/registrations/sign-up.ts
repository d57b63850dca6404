import { randomUUID } from 'node:crypto';
import type { SignUpInput } from '$lib/registrations/sign-up-schema';
import { participantFieldName, ORGANISATION_FIELD } from '$lib/registrations/sign-up-form';
import { recordAudit } from '../audit/audit-log';
import { onlyRow, type Sql } from '../db/database';
import { findProgrammeById } from '../events/programme';
import { enqueueMail } from '../mail/outbox';
import { signUpReceivedMail } from '../mail/templates/registration-mails';
import { newAccessToken } from './access-token';
import { fillAndTell } from './lifecycle';
import { lockEvent, organisationKey, seatsTaken, type LockedEvent } from './seats';
import { registrationMailContext } from './registration-mail';
import { organisationLabel } from './organisations';

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** A sign-up the app will not take, with Dutch messages keyed by form field. */
export class SignUpRefused extends Error {
	override name = 'SignUpRefused';
	constructor(
		readonly reason: 'not-found' | 'closed' | 'duplicate' | 'unknown-organisation' | 'unknown-session',
		readonly fields: Record<string, string>,
		message: string,
		/** For `duplicate`: the addresses already signed up. */
		readonly duplicateEmails: string[] = []
	) {
		super(message);
	}
}

export interface SignedUpParticipant {
	id: string;
	name: string;
	email: string;
	status: RegistrationStatus;
	accessToken: string;
}

export interface SignUpResult {
	batchId: string;
	participants: SignedUpParticipant[];
}

/**
 * Signs up one or more participants of one organisation for an event, in one transaction:
 * the registrations, their sessions, the confirmation mails and the audit lines all commit
 * together or not at all.
 *
 * Places are decided under the event's row lock, so concurrent sign-ups for the last places
 * queue up in PostgreSQL and are counted one after another; a trigger on `registrations`
 * refuses any confirmation beyond capacity whatever path it comes from. Participants beyond the
 * capacity — or beyond the cap per organisation while it applies — go on the waiting list.
 */
export async function signUp(
	sql: Sql,
	eventId: string,
	input: SignUpInput,
	options: { origin: string; now?: Date }
): Promise<SignUpResult> {
	const now = options.now ?? new Date();
	// Read before the event lock: the programme only feeds the mails, and everything done under
	// the lock makes every other sign-up for this event wait.
	const programme = await findProgrammeById(sql, eventId);
	return sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		const event = await lockEvent(tx, eventId);
		if (!event || event.status !== 'published') {
			throw new SignUpRefused('not-found', {}, 'Dit evenement bestaat niet of is niet (meer) open voor aanmelden.');
		}
		if (event.registrationClosesAt && event.registrationClosesAt <= now) {
			throw new SignUpRefused('closed', {}, 'De aanmelding voor dit evenement is gesloten.');
		}

		await checkSessions(tx, event, input);
		const organisation = await resolveOrganisation(tx, input);
		await refuseDuplicates(tx, event, input);
		// People already waiting go first: a place may have come free without a promotion (the cap
		// per organisation ended, capacity was raised).
		await fillAndTell(tx, event, { actor: 'systeem', origin: options.origin, now });

		const taken = await seatsTaken(tx, event.id, organisation.key);
		const capApplies = event.organisationCap !== null && (!event.organisationCapUntil || now < event.organisationCapUntil);
		const batchId = randomUUID();
		const participants: SignedUpParticipant[] = [];

		for (const participant of input.participants) {
			const seatFree = event.capacity === null || taken.total < event.capacity;
			const withinCap = !capApplies || taken.organisation < (event.organisationCap ?? Infinity);
			const status: RegistrationStatus = seatFree && withinCap ? 'confirmed' : 'waitlisted';
			if (status === 'confirmed') {
				taken.total += 1;
				taken.organisation += 1;
			}
			const accessToken = newAccessToken();
			const row = onlyRow(await tx<{ id: string }[]>`
				insert into public.registrations (
					event_id, status, batch_id, name, email, phone, job_title,
					organisation_code, organisation_other, organisation_name, has_innovation_scheme, needs,
					billing_name, billing_department, billing_street, billing_postcode, billing_city, billing_email,
					purchase_order, billing_reference, cost_centre, purchase_order_pending,
					privacy_consent_at, participant_list_consent, access_token
				) values (
					${event.id}, ${status}, ${batchId}, ${participant.name}, ${participant.email}, ${participant.phone ?? null},
					${participant.jobTitle}, ${organisation.code}, ${organisation.other}, ${organisation.name},
					${input.hasInnovationScheme}, ${participant.needs ?? null},
					${input.invoice.billingName}, ${input.invoice.billingDepartment ?? null}, ${input.invoice.billingStreet},
					${input.invoice.billingPostcode}, ${input.invoice.billingCity}, ${input.invoice.billingEmail},
					${input.invoice.purchaseOrder ?? null}, ${input.invoice.billingReference ?? null}, ${input.invoice.costCentre ?? null},
					${input.invoice.purchaseOrderPending}, ${now}, ${participant.participantListConsent}, ${accessToken}
				)
				returning id
			`, 'new registration');
			await tx`
				insert into public.registration_sessions (registration_id, session_id)
				select ${row.id}, unnest(${participant.sessionIds}::uuid[])
			`;
			await recordAudit(tx, {
				actor: 'deelnemer',
				action: status === 'confirmed' ? 'registration.confirmed' : 'registration.waitlisted',
				eventId: event.id,
				registrationId: row.id,
				details: { batchId, organisation: organisation.name, sessions: participant.sessionIds.length }
			});
			await enqueueMail(tx, signUpReceivedMail(await registrationMailContext(tx, row.id, options.origin, programme ?? undefined)));
			participants.push({ id: row.id, name: participant.name, email: participant.email, status, accessToken });
		}
		return { batchId, participants };
	});
}

async function checkSessions(tx: Sql, event: LockedEvent, input: SignUpInput): Promise<void> {
	const rows = await tx<{ id: string }[]>`select id from public.event_sessions where event_id = ${event.id}`;
	const known = new Set(rows.map((row) => row.id));
	const fields: Record<string, string> = {};
	input.participants.forEach((participant, index) => {
		if (participant.sessionIds.some((id) => !known.has(id))) {
			fields[participantFieldName(index, 'sessionIds')] = 'Kies uit de sessies van dit evenement.';
		}
	});
	if (Object.keys(fields).length > 0) {
		throw new SignUpRefused('unknown-session', fields, 'Een gekozen sessie hoort niet bij dit evenement.');
	}
}

interface ResolvedOrganisation {
	code: string | null;
	other: string | null;
	name: string;
	/** What the cap per organisation and "not yet represented" count by. */
	key: string;
}

async function resolveOrganisation(tx: Sql, input: SignUpInput): Promise<ResolvedOrganisation> {
	if (input.organisation.kind === 'other') {
		const name = input.organisation.name;
		return { code: null, other: name, name, key: organisationKey(null, name) };
	}
	const [row] = await tx<{ code: string; kind: 'gemeente' | 'provincie'; name: string }[]>`
		select code, kind, name from public.organisations
		where code = ${input.organisation.code} and valid_until is null
	`;
	if (!row) {
		throw new SignUpRefused(
			'unknown-organisation',
			{ [ORGANISATION_FIELD]: 'Deze gemeente of provincie staat niet in de lijst. Kies er een uit de lijst, of kies "andere overheidsorganisatie".' },
			'Onbekende organisatie.'
		);
	}
	return { code: row.code, other: null, name: organisationLabel(row.kind, row.name), key: organisationKey(row.code, null) };
}

async function refuseDuplicates(tx: Sql, event: LockedEvent, input: SignUpInput): Promise<void> {
	const emails = input.participants.map((participant) => participant.email.toLowerCase());
	const rows = await tx<{ email: string }[]>`
		select lower(email) as email from public.registrations
		where event_id = ${event.id} and status <> 'cancelled' and lower(email) = any(${emails})
	`;
	if (rows.length === 0) return;
	const existing = new Set(rows.map((row) => row.email));
	const fields: Record<string, string> = {};
	emails.forEach((email, index) => {
		if (existing.has(email)) {
			fields[participantFieldName(index, 'email')] =
				'Met dit e-mailadres is al iemand aangemeld voor dit evenement. We hebben de persoonlijke link naar de aanmelding zojuist opnieuw naar dit adres gestuurd.';
		}
	});
	throw new SignUpRefused('duplicate', fields, 'Een of meer deelnemers zijn al aangemeld voor dit evenement.', [...existing]);
}
