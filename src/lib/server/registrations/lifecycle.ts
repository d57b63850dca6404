import type { InvoiceDetails } from '$lib/registrations/sign-up-schema';
import { forgetPersonInReports } from '../reports/report-store';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { onlyRow, type Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import {
	cancelledMail,
	movedToWaitlistMail,
	promotedMail,
	substitutionMails
} from '../mail/templates/registration-mails';
import { newAccessToken } from './access-token';
import { clearFromLiveSessions } from './privacy';
import { registrationMailContext } from './registration-mail';
import { fillFreePlaces, lockEvent, type LockedEvent } from './seats';
import type { RegistrationStatus } from './sign-up';

/**
 * Everything that happens to a registration after sign-up. Each function is one transaction:
 * the change, its mails (through the outbox) and its audit line commit together.
 */

/** A change the app will not make, with a Dutch message for the person who asked. */
export class RegistrationChangeRefused extends Error {
	override name = 'RegistrationChangeRefused';
	constructor(
		readonly reason: 'not-found' | 'full' | 'wrong-status' | 'duplicate' | 'not-attending',
		message: string
	) {
		super(message);
	}
}

interface Context {
	actor: AuditActor;
	/** Public address of the app, for the personal links in mails. */
	origin: string;
	now?: Date;
	/**
	 * The personal link's secret, when the participant acts through it. Checked again under the
	 * row lock: a link replaced by a substitution a moment ago must not act on the new person.
	 */
	accessToken?: string;
}

interface LockedRegistration {
	id: string;
	eventId: string;
	status: RegistrationStatus;
	name: string;
	email: string;
	anonymised: boolean;
}

/** Locks the registration's event, then the registration: the same order everywhere, so no deadlocks. */
async function lockRegistration(
	tx: Sql,
	registrationId: string,
	accessToken?: string
): Promise<{ event: LockedEvent; registration: LockedRegistration }> {
	const [found] = await tx<{ event_id: string }[]>`select event_id from public.registrations where id = ${registrationId}`;
	if (!found) throw new RegistrationChangeRefused('not-found', 'Deze aanmelding bestaat niet.');
	const event = await lockEvent(tx, found.event_id);
	const [row] = await tx<
		{ id: string; event_id: string; status: RegistrationStatus; name: string; email: string; anonymised_at: Date | null; access_token: string }[]
	>`
		select id, event_id, status, name, email, anonymised_at, access_token from public.registrations
		where id = ${registrationId} for update
	`;
	if (!event || !row) throw new RegistrationChangeRefused('not-found', 'Deze aanmelding bestaat niet.');
	if (accessToken !== undefined && row.access_token !== accessToken) {
		throw new RegistrationChangeRefused('not-found', 'Deze link is niet (meer) geldig: de plaats is zojuist overgedragen.');
	}
	return {
		event,
		registration: {
			id: row.id,
			eventId: row.event_id,
			status: row.status,
			name: row.name,
			email: row.email,
			anonymised: row.anonymised_at !== null
		}
	};
}

function inTransaction<T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
	return sql.begin((transaction) => work(transaction as unknown as Sql)) as Promise<T>;
}

async function setStatus(tx: Sql, registrationId: string, status: RegistrationStatus): Promise<void> {
	await tx`
		update public.registrations set status = ${status}, status_changed_at = now(), updated_at = now()
		where id = ${registrationId}
	`;
}

/**
 * Promotes from the waiting list into free places and tells each promoted person — until the
 * programme is under way: a place freed by a late cancellation is of no use to anyone then.
 */
export async function fillAndTell(tx: Sql, event: LockedEvent, context: Context, except: string[] = []): Promise<string[]> {
	const now = context.now ?? new Date();
	const [lastStart] = await tx<{ starts_at: Date }[]>`
		select max(starts_at) as starts_at from public.event_sessions where event_id = ${event.id}
	`;
	if (lastStart?.starts_at && lastStart.starts_at <= now) return [];
	const promoted = await fillFreePlaces(tx, event, now, except);
	for (const id of promoted) {
		await recordAudit(tx, { actor: 'systeem', action: 'registration.promoted', eventId: event.id, registrationId: id, details: { automatic: true } });
		await enqueueMail(tx, promotedMail(await registrationMailContext(tx, id, context.origin)));
	}
	return promoted;
}

/**
 * Cancels a registration (by the participant or an organizer). A place that frees up goes to
 * the waiting list straight away. Cancelling twice is harmless.
 */
export async function cancelRegistration(
	sql: Sql,
	registrationId: string,
	context: Context,
	/** An organizer's choice to charge nothing for this cancellation, whatever the policy says. */
	options: { waiveFee?: boolean } = {}
): Promise<{ promoted: string[] }> {
	return inTransaction(sql, async (tx) => {
		const { event, registration } = await lockRegistration(tx, registrationId, context.accessToken);
		if (registration.status === 'cancelled') return { promoted: [] };
		await setStatus(tx, registration.id, 'cancelled');
		const waiveFee = options.waiveFee === true && context.accessToken === undefined;
		if (waiveFee) await tx`update public.registrations set cancellation_fee_waived = true where id = ${registration.id}`;
		await recordAudit(tx, {
			actor: context.actor,
			action: 'registration.cancelled',
			eventId: event.id,
			registrationId: registration.id,
			details: { from: registration.status, ...(waiveFee ? { feeWaived: true } : {}) }
		});
		if (!registration.anonymised) {
			await enqueueMail(tx, cancelledMail(await registrationMailContext(tx, registration.id, context.origin)));
		}
		const promoted = registration.status === 'confirmed' ? await fillAndTell(tx, event, context) : [];
		return { promoted };
	});
}

/** An organizer gives a waitlisted person a place, if there is one (never beyond capacity). */
export async function promoteRegistration(sql: Sql, registrationId: string, context: Context): Promise<void> {
	await inTransaction(sql, async (tx) => {
		const { event, registration } = await lockRegistration(tx, registrationId, context.accessToken);
		if (registration.status !== 'waitlisted') {
			throw new RegistrationChangeRefused('wrong-status', 'Alleen iemand op de wachtlijst kan een plaats krijgen.');
		}
		const { taken } = onlyRow(await tx<{ taken: number }[]>`
			select count(*)::int as taken from public.registrations where event_id = ${event.id} and status = 'confirmed'
		`, 'confirmed count');
		if (event.capacity !== null && taken >= event.capacity) {
			throw new RegistrationChangeRefused(
				'full',
				`Alle ${event.capacity} plaatsen zijn bezet. Annuleer eerst een andere aanmelding of verhoog de capaciteit.`
			);
		}
		await setStatus(tx, registration.id, 'confirmed');
		await recordAudit(tx, { actor: context.actor, action: 'registration.promoted', eventId: event.id, registrationId: registration.id });
		await enqueueMail(tx, promotedMail(await registrationMailContext(tx, registration.id, context.origin)));
	});
}

/**
 * An organizer moves a confirmed participant to the back of the waiting list. The place goes to
 * the next on the waiting list straight away (never back to the person just moved), as every
 * freed place does; the moved person waits like anyone else.
 */
export async function moveToWaitingList(sql: Sql, registrationId: string, context: Context): Promise<{ promoted: string[] }> {
	return inTransaction(sql, async (tx) => {
		const { event, registration } = await lockRegistration(tx, registrationId, context.accessToken);
		if (registration.status !== 'confirmed') {
			throw new RegistrationChangeRefused('wrong-status', 'Alleen een bevestigde aanmelding kan naar de wachtlijst.');
		}
		await setStatus(tx, registration.id, 'waitlisted');
		// `sequence` is an identity column: DEFAULT draws the next number, the back of the queue.
		await tx`update public.registrations set sequence = default where id = ${registration.id}`;
		await recordAudit(tx, { actor: context.actor, action: 'registration.moved-to-waitlist', eventId: event.id, registrationId: registration.id });
		await enqueueMail(tx, movedToWaitlistMail(await registrationMailContext(tx, registration.id, context.origin)));
		return { promoted: await fillAndTell(tx, event, context, [registration.id]) };
	});
}

export interface Substitute {
	name: string;
	email: string;
	jobTitle: string;
	phone?: string;
}

/**
 * A colleague takes over the place (vervanging): same organisation, invoice details, sessions
 * and status; new person, new personal link (the old one stops working). Both are told.
 */
export async function substituteParticipant(
	sql: Sql,
	registrationId: string,
	substitute: Substitute,
	context: Context
): Promise<{ accessToken: string }> {
	return inTransaction(sql, async (tx) => {
		const { event, registration } = await lockRegistration(tx, registrationId, context.accessToken);
		if (registration.status === 'cancelled') {
			throw new RegistrationChangeRefused('wrong-status', 'Een geannuleerde aanmelding kan niet worden overgedragen.');
		}
		const [taken] = await tx`
			select 1 from public.registrations
			where event_id = ${event.id} and status <> 'cancelled' and lower(email) = lower(${substitute.email}) and id <> ${registration.id}
		`;
		if (taken || registration.email.toLowerCase() === substitute.email.toLowerCase()) {
			throw new RegistrationChangeRefused('duplicate', 'Met dit e-mailadres is al iemand aangemeld voor dit evenement.');
		}
		const accessToken = newAccessToken();
		await tx`
			update public.registrations
			set name = ${substitute.name}, email = ${substitute.email}, job_title = ${substitute.jobTitle},
				phone = ${substitute.phone ?? null}, needs = null, participant_list_consent = false,
				-- The colleague receives the privacy statement with their confirmation.
				privacy_consent_at = now(), access_token = ${accessToken}, updated_at = now()
			where id = ${registration.id}
		`;
		await tx`update public.registration_sessions set checked_in_at = null, checked_in_by = null where registration_id = ${registration.id}`;
		// The person who left leaves nothing personal behind in live sessions (their rows drop out of
		// the room; the colleague joins afresh, see the migration hand_overs), is named in no published
		// report and leaves no take-away there; the colleague's consent starts over.
		const leftSessions = await clearFromLiveSessions(tx, { registrationId: registration.id, handOver: true });
		await forgetPersonInReports(tx, event.id, { name: registration.name, participantIds: leftSessions });
		await recordAudit(tx, {
			actor: context.actor,
			action: 'registration.substituted',
			eventId: event.id,
			registrationId: registration.id,
			details: { previous: registration.name, next: substitute.name }
		});
		const [toNew, toPrevious] = substitutionMails(await registrationMailContext(tx, registration.id, context.origin), {
			name: registration.name,
			email: registration.email
		});
		await enqueueMail(tx, toNew);
		await enqueueMail(tx, toPrevious);
		return { accessToken };
	});
}

/** New invoice details for one registration (the participant's own, or an organizer's correction). */
export async function updateInvoiceDetails(sql: Sql, registrationId: string, invoice: InvoiceDetails, context: Context): Promise<void> {
	await inTransaction(sql, async (tx) => {
		const { event, registration } = await lockRegistration(tx, registrationId, context.accessToken);
		const before = onlyRow(await tx<Record<string, string | boolean | null>[]>`
			select billing_name, billing_department, billing_street, billing_postcode, billing_city, billing_email,
				purchase_order, billing_reference, cost_centre, purchase_order_pending
			from public.registrations where id = ${registration.id}
		`, 'invoice details');
		const after: Record<string, string | boolean | null> = {
			billing_name: invoice.billingName,
			billing_department: invoice.billingDepartment ?? null,
			billing_street: invoice.billingStreet,
			billing_postcode: invoice.billingPostcode,
			billing_city: invoice.billingCity,
			billing_email: invoice.billingEmail,
			purchase_order: invoice.purchaseOrder ?? null,
			billing_reference: invoice.billingReference ?? null,
			cost_centre: invoice.costCentre ?? null,
			purchase_order_pending: invoice.purchaseOrderPending
		};
		const changed = Object.keys(after).filter((key) => before[key] !== after[key]);
		if (changed.length === 0) return;
		await tx`update public.registrations set ${tx(after)}, updated_at = now() where id = ${registration.id}`;
		await recordAudit(tx, {
			actor: context.actor,
			action: 'registration.invoice-details-changed',
			eventId: event.id,
			registrationId: registration.id,
			details: { fields: changed }
		});
	});
}

/** Whether the participant may appear on the list shared with other participants. */
export async function setParticipantListConsent(sql: Sql, registrationId: string, consent: boolean, context: Context): Promise<void> {
	await inTransaction(sql, async (tx) => {
		const { event, registration } = await lockRegistration(tx, registrationId, context.accessToken);
		await tx`update public.registrations set participant_list_consent = ${consent}, updated_at = now() where id = ${registration.id}`;
		// Withdrawn: the name comes out of reports already published too (they are frozen copies).
		if (!consent) await forgetPersonInReports(tx, event.id, { name: registration.name, participantIds: [] });
		await recordAudit(tx, {
			actor: context.actor,
			action: consent ? 'registration.list-consent-given' : 'registration.list-consent-withdrawn',
			eventId: event.id,
			registrationId: registration.id
		});
	});
}

/**
 * Checks a participant in at the door of one session (or undoes it). Only confirmed
 * participants who signed up for that session can be checked in.
 */
export async function setCheckIn(
	sql: Sql,
	registrationId: string,
	sessionId: string,
	checkedIn: boolean,
	context: Context
): Promise<void> {
	await inTransaction(sql, async (tx) => {
		// Same lock order as every other change (event, registration, then its sessions), so a
		// check-in never deadlocks with a substitution or cancellation of the same person.
		const { registration } = await lockRegistration(tx, registrationId, context.accessToken);
		const [row] = await tx<{ event_id: string; checked_in_at: Date | null }[]>`
			select r.event_id, rs.checked_in_at
			from public.registrations r
			join public.registration_sessions rs on rs.registration_id = r.id and rs.session_id = ${sessionId}
			where r.id = ${registrationId}
			for update of rs
		`;
		if (!row) throw new RegistrationChangeRefused('not-attending', 'Deze deelnemer is niet aangemeld voor deze sessie.');
		if (registration.status !== 'confirmed') {
			throw new RegistrationChangeRefused('wrong-status', 'Alleen bevestigde deelnemers kunnen worden ingecheckt.');
		}
		if ((row.checked_in_at !== null) === checkedIn) return;
		await tx`
			update public.registration_sessions
			set checked_in_at = ${checkedIn ? (context.now ?? new Date()) : null}, checked_in_by = ${checkedIn ? context.actor : null}
			where registration_id = ${registrationId} and session_id = ${sessionId}
		`;
		await recordAudit(tx, {
			actor: context.actor,
			action: checkedIn ? 'registration.checked-in' : 'registration.check-in-undone',
			eventId: row.event_id,
			registrationId,
			details: { sessionId }
		});
	});
}
