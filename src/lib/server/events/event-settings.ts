import { z } from 'zod';
import { fromDateTimeLocal } from '$lib/events/local-datetime';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { promotedMail } from '../mail/templates/registration-mails';
import { registrationMailContext } from '../registrations/registration-mail';
import { fillFreePlaces, lockEvent } from '../registrations/seats';

/**
 * The settings an organizer changes on `/beheer/<slug>/instellingen`: how many places, the cap
 * per organisation and until when, when sign-up closes, and how long personal data is kept.
 */

/** The form's field names (Dutch, like the URLs), shared by the page and the schema's errors. */
export const settingsField = {
	capacity: 'capaciteit',
	organisationCap: 'maximum-per-organisatie',
	organisationCapUntil: 'maximum-tot',
	registrationClosesAt: 'aanmelden-sluit',
	retentionDays: 'bewaartermijn'
} as const;

type SettingsKey = keyof typeof settingsField;

/** An optional whole number: empty means "no limit". */
function optionalCount(messages: { invalid: string; range: string }, min: number, max: number) {
	return z
		.string()
		.optional()
		.transform((value, context) => {
			const text = (value ?? '').trim();
			if (text === '') return null;
			if (!/^\d+$/.test(text)) {
				context.addIssue({ code: 'custom', message: messages.invalid });
				return z.NEVER;
			}
			const number = Number(text);
			if (number < min || number > max) {
				context.addIssue({ code: 'custom', message: messages.range });
				return z.NEVER;
			}
			return number;
		});
}

/** An optional date and time from a datetime-local input, read as Amsterdam time. */
function optionalMoment(label: string) {
	return z
		.string()
		.optional()
		.transform((value, context) => {
			const text = (value ?? '').trim();
			if (text === '') return null;
			const result = fromDateTimeLocal(text);
			if (result.ok) return result.instant;
			context.addIssue({
				code: 'custom',
				message:
					result.reason === 'nonexistent'
						? `Dit tijdstip bestaat niet: die nacht gaat de klok een uur vooruit. Kies voor ${label} een ander tijdstip.`
						: `Vul bij ${label} een datum en tijd in, bijvoorbeeld 26-09-2019 13:30.`
			});
			return z.NEVER;
		});
}

export const eventSettingsSchema = z
	.object({
		capacity: optionalCount(
			{
				invalid: 'Vul bij capaciteit een heel getal in, of laat het veld leeg voor onbeperkt.',
				range: 'De capaciteit is minstens 1 en hoogstens 100.000. Laat het veld leeg voor onbeperkt.'
			},
			1,
			100_000
		),
		organisationCap: optionalCount(
			{
				invalid: 'Vul bij het maximum per organisatie een heel getal in, of laat het veld leeg.',
				range: 'Het maximum per organisatie is minstens 1 en hoogstens 100.000. Laat het veld leeg voor geen maximum.'
			},
			1,
			100_000
		),
		organisationCapUntil: optionalMoment('"maximum geldt tot"'),
		registrationClosesAt: optionalMoment('"aanmelden sluit op"'),
		retentionDays: z
			.string({ error: 'Vul de bewaartermijn in (aantal dagen).' })
			.trim()
			.min(1, 'Vul de bewaartermijn in (aantal dagen).')
			.regex(/^\d+$/, 'Vul bij de bewaartermijn een heel aantal dagen in, bijvoorbeeld 365.')
			.transform(Number)
			.pipe(z.number().max(3650, 'De bewaartermijn is hoogstens 3650 dagen (10 jaar).'))
	})
	.superRefine((value, context) => {
		if (value.organisationCapUntil !== null && value.organisationCap === null) {
			context.addIssue({
				code: 'custom',
				path: ['organisationCapUntil'],
				message: 'Een einddatum hoort bij een maximum per organisatie. Vul dat maximum in, of maak dit veld leeg.'
			});
		}
	});

export type EventSettings = z.infer<typeof eventSettingsSchema>;

/** The form as `eventSettingsSchema` parses it. */
export function readSettingsForm(form: FormData): Record<SettingsKey, string | undefined> {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	return {
		capacity: text(settingsField.capacity),
		organisationCap: text(settingsField.organisationCap),
		organisationCapUntil: text(settingsField.organisationCapUntil),
		registrationClosesAt: text(settingsField.registrationClosesAt),
		retentionDays: text(settingsField.retentionDays)
	};
}

/** Dutch messages keyed by form field (first message per field). */
export function settingsErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path[0];
		const name = typeof key === 'string' && key in settingsField ? settingsField[key as SettingsKey] : 'formulier';
		errors[name] ??= issue.message;
	}
	return errors;
}

/** A change the app will not make, with the form field it is about and a Dutch message. */
export class EventSettingsRefused extends Error {
	override name = 'EventSettingsRefused';
	constructor(
		readonly reason: 'not-found' | 'capacity-below-confirmed',
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

function inTransaction<T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
	return sql.begin((transaction) => work(transaction as unknown as Sql)) as Promise<T>;
}

type AuditValue = number | string | null;

function auditValue(value: number | Date | null): AuditValue {
	return value instanceof Date ? value.toISOString() : value;
}

/**
 * Stores new settings, refusing a capacity below the places already confirmed (lowering it
 * would not take anyone's place away, it would only hide the overbooking). Under the event's
 * row lock, so no sign-up confirms a place between the count and the change. The audit line
 * holds each changed setting's old and new value. Returns which settings changed.
 */
export async function updateEventSettings(
	sql: Sql,
	eventId: string,
	settings: EventSettings,
	actor: string
): Promise<{ changed: SettingsKey[] }> {
	return inTransaction(sql, async (tx) => {
		const event = await lockEvent(tx, eventId);
		if (!event) throw new EventSettingsRefused('not-found', 'formulier', 'Dit evenement bestaat niet (meer).');
		const [current] = await tx<{ confirmed: number; retentionDays: number }[]>`
			select (select count(*)::int from public.registrations where event_id = ${eventId} and status = 'confirmed') as confirmed,
				retention_days as "retentionDays"
			from public.events where id = ${eventId}
		`;
		const confirmed = current?.confirmed ?? 0;
		const retentionDays = current?.retentionDays ?? null;
		if (settings.capacity !== null && settings.capacity < confirmed) {
			throw new EventSettingsRefused(
				'capacity-below-confirmed',
				settingsField.capacity,
				`Er zijn al ${confirmed} plaatsen bevestigd, dus de capaciteit kan niet lager zijn dan ${confirmed}. ` +
					'Zet eerst aanmeldingen op de wachtlijst of annuleer ze, en verlaag dan de capaciteit.'
			);
		}
		const before: Record<SettingsKey, AuditValue> = {
			capacity: event.capacity,
			organisationCap: event.organisationCap,
			organisationCapUntil: auditValue(event.organisationCapUntil),
			registrationClosesAt: auditValue(event.registrationClosesAt),
			retentionDays
		};
		const after: Record<SettingsKey, AuditValue> = {
			capacity: settings.capacity,
			organisationCap: settings.organisationCap,
			organisationCapUntil: auditValue(settings.organisationCapUntil),
			registrationClosesAt: auditValue(settings.registrationClosesAt),
			retentionDays: settings.retentionDays
		};
		const changed = (Object.keys(after) as SettingsKey[]).filter((key) => before[key] !== after[key]);
		if (changed.length === 0) return { changed };
		await tx`
			update public.events
			set capacity = ${settings.capacity}, organisation_cap = ${settings.organisationCap},
				organisation_cap_until = ${settings.organisationCapUntil}, registration_closes_at = ${settings.registrationClosesAt},
				retention_days = ${settings.retentionDays}
			where id = ${eventId}
		`;
		await recordAudit(tx, {
			actor,
			action: 'event.settings-changed',
			eventId,
			details: { changes: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])) }
		});
		return { changed };
	});
}

/**
 * "Wachtlijst aanvullen": gives free places to the waiting list in its usual order (people of
 * organisations without a place first, within the cap per organisation) and mails each person
 * promoted — all in one transaction, after the event's lock. Returns the promoted ids.
 */
export async function fillWaitingList(
	sql: Sql,
	eventId: string,
	context: { actor: string; origin: string; now?: Date }
): Promise<string[]> {
	return inTransaction(sql, async (tx) => {
		const event = await lockEvent(tx, eventId);
		if (!event) throw new EventSettingsRefused('not-found', 'formulier', 'Dit evenement bestaat niet (meer).');
		const promoted = await fillFreePlaces(tx, event, context.now ?? new Date());
		for (const id of promoted) {
			await recordAudit(tx, { actor: context.actor, action: 'registration.promoted', eventId, registrationId: id, details: { via: 'wachtlijst-aanvullen' } });
			await enqueueMail(tx, promotedMail(await registrationMailContext(tx, id, context.origin)));
		}
		await recordAudit(tx, { actor: context.actor, action: 'event.waiting-list-filled', eventId, details: { promoted: promoted.length } });
		return promoted;
	});
}
