import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	eventSettingsSchema,
	EventSettingsRefused,
	fillWaitingList,
	readSettingsForm,
	settingsErrors,
	updateEventSettings,
	type EventSettings
} from '../../src/lib/server/events/event-settings';
import { signUp } from '../../src/lib/server/registrations/sign-up';
import { createEvent, ORIGIN, signUpInput, statusCounts } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

let db: TestDatabase;
const ORGANIZER = 'organisator@ontwerpsessies.test';

beforeAll(async () => {
	db = await createMigratedDatabase();
});
afterAll(() => db.drop());

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

const validFields = {
	capaciteit: '30',
	'maximum-per-organisatie': '2',
	'maximum-tot': '2027-03-01T12:00',
	'aanmelden-sluit': '2027-03-03T17:00',
	bewaartermijn: '365'
};

function parseFields(fields: Record<string, string>) {
	return eventSettingsSchema.safeParse(readSettingsForm(form(fields)));
}

function errorsOf(fields: Record<string, string>): Record<string, string> {
	const result = parseFields(fields);
	if (result.success) throw new Error('expected errors');
	return settingsErrors(result.error);
}

const settings = (overrides: Partial<EventSettings> = {}): EventSettings => ({
	capacity: null,
	organisationCap: null,
	organisationCapUntil: null,
	registrationClosesAt: null,
	retentionDays: 365,
	...overrides
});

describe('the settings form', () => {
	it('reads numbers, empty fields as "no limit" and datetime-local values as Amsterdam time', () => {
		const result = parseFields(validFields);
		expect(result.success).toBe(true);
		expect(result.data).toEqual({
			capacity: 30,
			organisationCap: 2,
			organisationCapUntil: new Date('2027-03-01T11:00:00Z'),
			registrationClosesAt: new Date('2027-03-03T16:00:00Z'),
			retentionDays: 365
		});
		const summer = parseFields({ ...validFields, 'aanmelden-sluit': '2027-07-01T09:00' });
		expect(summer.data?.registrationClosesAt).toEqual(new Date('2027-07-01T07:00:00Z'));
		const empty = parseFields({ capaciteit: ' ', 'maximum-per-organisatie': '', 'maximum-tot': '', 'aanmelden-sluit': '', bewaartermijn: '0' });
		expect(empty.data).toEqual(settings({ retentionDays: 0 }));
	});

	it('gives a Dutch message per field for what is wrong', () => {
		expect(errorsOf({ ...validFields, capaciteit: 'veel' })).toEqual({
			capaciteit: 'Vul bij capaciteit een heel getal in, of laat het veld leeg voor onbeperkt.'
		});
		expect(errorsOf({ ...validFields, capaciteit: '0' }).capaciteit).toMatch(/minstens 1/);
		expect(errorsOf({ ...validFields, capaciteit: '2,5' }).capaciteit).toMatch(/heel getal/);
		expect(errorsOf({ ...validFields, 'maximum-per-organisatie': '-1' })['maximum-per-organisatie']).toMatch(/heel getal/);
		expect(errorsOf({ ...validFields, bewaartermijn: '' }).bewaartermijn).toBe('Vul de bewaartermijn in (aantal dagen).');
		expect(errorsOf({ ...validFields, bewaartermijn: '4000' }).bewaartermijn).toMatch(/hoogstens 3650/);
		expect(errorsOf({ ...validFields, 'aanmelden-sluit': 'morgen' })['aanmelden-sluit']).toMatch(/datum en tijd/);
		expect(errorsOf({ ...validFields, 'aanmelden-sluit': '2027-03-28T02:30' })['aanmelden-sluit']).toMatch(/klok een uur vooruit/);
		expect(errorsOf({ ...validFields, 'maximum-per-organisatie': '' })).toEqual({
			'maximum-tot': 'Een einddatum hoort bij een maximum per organisatie. Vul dat maximum in, of maak dit veld leeg.'
		});
	});
});

describe('changing the settings', () => {
	it('stores them and writes old and new values to the audit log', async () => {
		const { eventId } = await createEvent(db.sql, { capacity: 10 });
		const closes = new Date('2027-03-03T16:00:00Z');
		const result = await updateEventSettings(db.sql, eventId, settings({ capacity: 12, registrationClosesAt: closes, retentionDays: 90 }), ORGANIZER);
		expect(result.changed).toEqual(['capacity', 'registrationClosesAt', 'retentionDays']);

		const [event] = await db.sql`
			select capacity, organisation_cap, registration_closes_at, retention_days from public.events where id = ${eventId}
		`;
		expect(event).toEqual({ capacity: 12, organisation_cap: null, registration_closes_at: closes, retention_days: 90 });
		const [line] = await db.sql`select actor, details from public.audit_log where event_id = ${eventId} and action = 'event.settings-changed'`;
		expect(line).toEqual({
			actor: ORGANIZER,
			details: {
				changes: {
					capacity: { from: 10, to: 12 },
					registrationClosesAt: { from: null, to: '2027-03-03T16:00:00.000Z' },
					retentionDays: { from: 365, to: 90 }
				}
			}
		});
	});

	it('writes nothing when nothing changed', async () => {
		const { eventId } = await createEvent(db.sql, { capacity: 10 });
		expect((await updateEventSettings(db.sql, eventId, settings({ capacity: 10 }), ORGANIZER)).changed).toEqual([]);
		const lines = await db.sql`select 1 from public.audit_log where event_id = ${eventId}`;
		expect(lines).toHaveLength(0);
	});

	it('refuses a capacity below the places already confirmed, and changes nothing', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		for (const name of ['een', 'twee', 'drie']) {
			await signUp(db.sql, eventId, signUpInput({ email: `${name}@zandvoort.example`, sessionIds }), { origin: ORIGIN });
		}
		const refusal = await updateEventSettings(db.sql, eventId, settings({ capacity: 2, retentionDays: 10 }), ORGANIZER).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(EventSettingsRefused);
		expect(refusal).toMatchObject({ reason: 'capacity-below-confirmed', field: 'capaciteit' });
		expect((refusal as Error).message).toMatch(/al 3 plaatsen bevestigd/);
		const [event] = await db.sql`select capacity, retention_days from public.events where id = ${eventId}`;
		expect(event).toEqual({ capacity: 5, retention_days: 365 });

		// Exactly the number confirmed is fine, and so is unlimited.
		await updateEventSettings(db.sql, eventId, settings({ capacity: 3 }), ORGANIZER);
		await updateEventSettings(db.sql, eventId, settings({ capacity: null }), ORGANIZER);
		const [after] = await db.sql`select capacity from public.events where id = ${eventId}`;
		expect(after?.['capacity']).toBeNull();
	});
});

describe('filling the waiting list after raising the capacity', () => {
	it('gives the free places to the waiting list in order and mails everyone promoted', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 1 });
		const ids: string[] = [];
		for (const [name, code] of [['eerste', 'GM0473'], ['tweede', 'GM0344'], ['derde', 'GM0363'], ['vierde', 'GM0518']] as const) {
			const result = await signUp(db.sql, eventId, signUpInput({ email: `${name}@gemeente.example`, sessionIds }, { organisation: { kind: 'listed', code } }), { origin: ORIGIN });
			ids.push(result.participants[0]!.id);
		}
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 1, waitlisted: 3 });

		// Nothing to fill before the capacity goes up.
		expect(await fillWaitingList(db.sql, eventId, { actor: ORGANIZER, origin: ORIGIN })).toEqual([]);

		await updateEventSettings(db.sql, eventId, settings({ capacity: 3 }), ORGANIZER);
		const promoted = await fillWaitingList(db.sql, eventId, { actor: ORGANIZER, origin: ORIGIN });
		expect(promoted).toEqual([ids[1], ids[2]]);
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 3, waitlisted: 1 });

		const mails = await db.sql<{ registration_id: string; recipient: string }[]>`
			select registration_id, recipient from public.outbox where kind = 'registration-promoted' and registration_id in ${db.sql(ids)} order by id
		`;
		expect(mails).toEqual([
			{ registration_id: ids[1], recipient: 'tweede@gemeente.example' },
			{ registration_id: ids[2], recipient: 'derde@gemeente.example' }
		]);
		const lines = await db.sql<{ action: string; actor: string; registration_id: string | null }[]>`
			select action, actor, registration_id from public.audit_log
			where event_id = ${eventId} and action in ('registration.promoted', 'event.waiting-list-filled') order by id
		`;
		expect(lines).toEqual([
			{ action: 'event.waiting-list-filled', actor: ORGANIZER, registration_id: null },
			{ action: 'registration.promoted', actor: ORGANIZER, registration_id: ids[1] },
			{ action: 'registration.promoted', actor: ORGANIZER, registration_id: ids[2] },
			{ action: 'event.waiting-list-filled', actor: ORGANIZER, registration_id: null }
		]);
	});

	it('respects the cap per organisation while it applies', async () => {
		const until = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 1, organisationCap: 1, organisationCapUntil: until });
		for (const name of ['een', 'twee', 'drie']) {
			await signUp(db.sql, eventId, signUpInput({ email: `${name}@zandvoort.example`, sessionIds }), { origin: ORIGIN });
		}
		await updateEventSettings(db.sql, eventId, settings({ capacity: 10, organisationCap: 1, organisationCapUntil: until }), ORGANIZER);
		expect(await fillWaitingList(db.sql, eventId, { actor: ORGANIZER, origin: ORIGIN })).toEqual([]);
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 1, waitlisted: 2 });

		// Once the cap is lifted, the places go to the waiting list.
		await updateEventSettings(db.sql, eventId, settings({ capacity: 10 }), ORGANIZER);
		expect(await fillWaitingList(db.sql, eventId, { actor: ORGANIZER, origin: ORIGIN })).toHaveLength(2);
	});
});
