import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCheckIn, substituteParticipant } from '../../src/lib/server/registrations/lifecycle';
import {
	anonymisedEmail,
	anonymiseExpired,
	anonymiseExpiredWalkIns,
	anonymiseRegistration,
	exportPersonalData
} from '../../src/lib/server/registrations/privacy';
import { registrationCounts } from '../../src/lib/server/registrations/queries';
import { ensureLiveSession } from '../../src/lib/server/live/join-code';
import { saveTakeaway } from '../../src/lib/server/live/participant-actions';
import { deleteExpiredDevices, joinAsWalkIn, resolveParticipant } from '../../src/lib/server/live/participants';
import { signUp } from '../../src/lib/server/registrations/sign-up';
import type { Sql } from '../../src/lib/server/db/database';
import { createEvent, ORIGIN, signUpInput } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

let db: TestDatabase;

const ORGANIZER = 'organisator@ontwerpsessies.test';
const DOOR = 'balie@ontwerpsessies.test';

beforeAll(async () => {
	db = await createMigratedDatabase();
});
afterAll(() => db.drop());

/** Letters only, so that one person's tag never occurs inside another's. */
function uniqueTag(): string {
	return Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

/**
 * Zeynep and her colleague Quinten, signed up together for one event with room for two. Each
 * call gives them names and addresses of their own, so a search for one pair's data is not
 * confused by another test's pair in the same database.
 */
async function signUpPair(sql: Sql) {
	const tag = uniqueTag();
	const person = {
		name: `Zeynep ${tag}`,
		email: `Zeynep.${tag}@utrecht.example`,
		phone: `06 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
		jobTitle: `Programmamanager ${tag}zaken`,
		needs: `Glutenvrij ${tag}, rolstoeltoegankelijk`
	};
	const colleague = { name: `Quinten ${tag}`, email: `quinten.${tag}@utrecht.example` };
	const { eventId, sessionIds } = await createEvent(sql, { capacity: 2 });
	const input = signUpInput(
		{ ...person, participantListConsent: true, sessionIds },
		{
			organisation: { kind: 'listed', code: 'GM0344' },
			invoice: {
				billingName: 'Gemeente Utrecht',
				billingDepartment: 'Sociaal Domein',
				billingStreet: 'Postbus 16200',
				billingPostcode: '3500 CE',
				billingCity: 'Utrecht',
				billingEmail: 'facturen@utrecht.example',
				purchaseOrder: 'PO-2027-042',
				billingReference: 'Ontwerpsessies',
				purchaseOrderPending: false
			}
		}
	);
	input.participants.push({ ...colleague, jobTitle: 'Beleidsadviseur', participantListConsent: false, sessionIds });
	const result = await signUp(sql, eventId, input, { origin: ORIGIN });
	const [zeynep, quinten] = result.participants;
	await setCheckIn(sql, zeynep!.id, sessionIds[0]!, true, { actor: DOOR, origin: ORIGIN });
	return { tag, person, colleague, eventId, sessionIds, zeynep: zeynep!, quinten: quinten! };
}

/** Every text the three tables hold, row by row, for searching. */
async function everything(sql: Sql): Promise<string> {
	const rows = await sql<{ text: string }[]>`
		select row_to_json(r)::text as text from public.registrations r
		union all select row_to_json(a)::text from public.audit_log a
		union all select row_to_json(o)::text from public.outbox o
	`;
	return rows.map((row) => row.text).join('\n').toLowerCase();
}

describe('exporting personal data (right of access)', () => {
	it('contains everything about the person: registration, sessions with check-in, history and mails', async () => {
		const { zeynep, person } = await signUpPair(db.sql);
		const data = await exportPersonalData(db.sql, zeynep.id);
		expect(data).not.toBeNull();
		expect(data?.registration).toMatchObject({ ...person, participantListConsent: true, status: 'confirmed' });
		expect(data?.registration['invoice']).toMatchObject({ email: 'facturen@utrecht.example', purchaseOrder: 'PO-2027-042' });
		expect(data?.sessions).toHaveLength(2);
		expect(data?.sessions[0]?.checkedInAt).toBeInstanceOf(Date);
		expect(data?.sessions[0]?.checkedInBy).toBe(DOOR);
		expect(data?.history.map((line) => line.action)).toEqual(['registration.confirmed', 'registration.checked-in']);
		expect(data?.mails).toHaveLength(1);
		expect(data?.mails[0]?.text).toContain(person.name);
		expect(data?.mails[0]?.attachments).toEqual(['ontwerpsessies.ics']);
		expect(JSON.stringify(data)).not.toMatch(/access_?token/i);
		// JSON-able: survives the trip through JSON.
		expect(JSON.parse(JSON.stringify(data))).toMatchObject({ registration: { name: person.name } });
	});

	it('holds nothing about anyone else, not even the colleague signed up in the same go', async () => {
		const { zeynep, person, colleague } = await signUpPair(db.sql);
		const text = JSON.stringify(await exportPersonalData(db.sql, zeynep.id)).toLowerCase();
		expect(text).toContain(person.name.toLowerCase());
		expect(text).not.toContain(colleague.name.toLowerCase());
		expect(text).not.toContain(colleague.email.toLowerCase());
	});

	it('leaves out the predecessor after a substitution: their mails and their name', async () => {
		const { quinten, colleague, tag } = await signUpPair(db.sql);
		const successor = { name: `Sanne ${tag}`, email: `sanne.${tag}@utrecht.example`, jobTitle: 'Adviseur' };
		await substituteParticipant(db.sql, quinten.id, successor, { actor: ORGANIZER, origin: ORIGIN });
		const data = await exportPersonalData(db.sql, quinten.id);
		expect(data?.registration).toMatchObject({ name: successor.name });
		expect(data?.mails.map((mail) => mail.recipient)).toEqual([successor.email]);
		expect(data?.history.find((line) => line.action === 'registration.substituted')?.details).toEqual({ next: successor.name });
		expect(JSON.stringify(data?.history)).not.toContain(colleague.name);
		expect(JSON.stringify(data?.mails.map((mail) => mail.recipient))).not.toContain(colleague.email);
	});

	it('writes an audit line when an organizer exports, and gives null for an unknown id', async () => {
		const { zeynep } = await signUpPair(db.sql);
		await exportPersonalData(db.sql, zeynep.id, { actor: ORGANIZER });
		const lines = await db.sql`select actor from public.audit_log where registration_id = ${zeynep.id} and action = 'registration.personal-data-exported'`;
		expect(lines.map((line) => line.actor)).toEqual([ORGANIZER]);
		expect(await exportPersonalData(db.sql, '00000000-0000-4000-8000-00000000dead')).toBeNull();
	});
});

describe('anonymising a registration', () => {
	it('removes name, e-mail, phone, job title and needs from every table, keeping invoice details and counts', async () => {
		const { eventId, zeynep, quinten, person, colleague, tag } = await signUpPair(db.sql);
		const secrets = [person.name, person.email, person.phone, person.jobTitle, person.needs, `Glutenvrij ${tag}`];
		const before = await everything(db.sql);
		for (const secret of secrets) expect(before).toContain(secret.toLowerCase());
		const countsBefore = await registrationCounts(db.sql, eventId);
		const [tokenBefore] = await db.sql<{ access_token: string }[]>`select access_token from public.registrations where id = ${zeynep.id}`;

		expect(await anonymiseRegistration(db.sql, zeynep.id, ORGANIZER)).toBe(true);

		const after = await everything(db.sql);
		for (const secret of secrets) expect(after, secret).not.toContain(secret.toLowerCase());
		expect(after).not.toContain(`zeynep ${tag}`);
		expect(after).not.toContain(`zeynep.${tag}`);
		// The colleague is untouched.
		expect(after).toContain(colleague.name.toLowerCase());
		expect(after).toContain(colleague.email.toLowerCase());

		const [row] = await db.sql`select * from public.registrations where id = ${zeynep.id}`;
		expect(row).toMatchObject({
			status: 'cancelled',
			name: 'Geanonimiseerd',
			email: anonymisedEmail(zeynep.id),
			phone: null,
			job_title: 'Geanonimiseerd',
			needs: null,
			participant_list_consent: false,
			organisation_code: 'GM0344',
			organisation_name: 'Gemeente Utrecht',
			billing_name: 'Gemeente Utrecht',
			billing_department: 'Sociaal Domein',
			billing_street: 'Postbus 16200',
			billing_postcode: '3500 CE',
			billing_city: 'Utrecht',
			billing_email: 'facturen@utrecht.example',
			purchase_order: 'PO-2027-042',
			billing_reference: 'Ontwerpsessies'
		});
		expect(row?.['anonymised_at']).toBeInstanceOf(Date);
		expect(row?.['access_token']).not.toBe(tokenBefore?.access_token);
		expect(row?.['access_token']).toMatch(/^[A-Za-z0-9_-]{43}$/);

		// Counted once, now as cancelled; the check-in at the door is kept.
		const countsAfter = await registrationCounts(db.sql, eventId);
		expect(countsAfter.confirmed + countsAfter.waitlisted + countsAfter.cancelled).toBe(
			countsBefore.confirmed + countsBefore.waitlisted + countsBefore.cancelled
		);
		expect(countsAfter.cancelled).toBe(countsBefore.cancelled + 1);
		const sessions = await db.sql`select checked_in_at from public.registration_sessions where registration_id = ${zeynep.id} order by session_id`;
		expect(sessions.filter((session) => session['checked_in_at'] !== null)).toHaveLength(1);

		// The mails still exist, emptied; nothing waits to be sent to nobody.
		const mails = await db.sql`select recipient, text_body, html_body, subject, status, attachments from public.outbox where registration_id = ${zeynep.id}`;
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({ recipient: '', text_body: '', html_body: null, status: 'failed' });
		expect(mails[0]?.['subject']).toMatch(/bevestigd/);
		expect(mails[0]?.['attachments']).toEqual([{ filename: 'ontwerpsessies.ics', contentType: expect.any(String), content: '' }]);

		const actions = await db.sql<{ action: string; actor: string; details: Record<string, unknown> }[]>`
			select action, actor, details from public.audit_log where registration_id = ${zeynep.id} order by id
		`;
		expect(actions.map((line) => line.action)).toEqual([
			'registration.confirmed',
			'registration.checked-in',
			'registration.cancelled',
			'registration.anonymised'
		]);
		expect(actions[2]?.details).toEqual({ from: 'confirmed', because: 'anonymised' });
		expect(actions[3]).toMatchObject({ actor: ORGANIZER, details: { reason: 'request' } });
		expect(quinten.status).toBe('confirmed');
	});

	it('removes both people of a substituted place, including the names in the audit details and subjects', async () => {
		const { quinten, colleague, tag } = await signUpPair(db.sql);
		const successor = { name: `Rutger ${tag}`, email: `rutger.${tag}@utrecht.example`, jobTitle: 'Adviseur' };
		await substituteParticipant(db.sql, quinten.id, successor, { actor: ORGANIZER, origin: ORIGIN });
		const before = await everything(db.sql);
		for (const secret of [successor.name, successor.email, colleague.name, colleague.email]) {
			expect(before).toContain(secret.toLowerCase());
		}

		await anonymiseRegistration(db.sql, quinten.id, ORGANIZER);

		const after = await everything(db.sql);
		for (const secret of [successor.name, successor.email, colleague.name, colleague.email]) {
			expect(after, secret).not.toContain(secret.toLowerCase());
		}
	});

	it('does not hand the freed place to the waiting list, and is harmless a second time', async () => {
		const { eventId, zeynep, sessionIds } = await signUpPair(db.sql);
		const waiting = await signUp(db.sql, eventId, signUpInput({ name: 'Wacht Even', email: 'wacht@utrecht.example', sessionIds }), { origin: ORIGIN });
		expect(waiting.participants[0]?.status).toBe('waitlisted');

		expect(await anonymiseRegistration(db.sql, zeynep.id, ORGANIZER)).toBe(true);
		expect(await anonymiseRegistration(db.sql, zeynep.id, ORGANIZER)).toBe(false);

		const [row] = await db.sql`select status from public.registrations where id = ${waiting.participants[0]!.id}`;
		expect(row?.['status']).toBe('waitlisted');
		const lines = await db.sql`select 1 from public.audit_log where registration_id = ${zeynep.id} and action = 'registration.anonymised'`;
		expect(lines).toHaveLength(1);
	});
});

describe('anonymising after the retention period', () => {
	it('anonymises the registrations of events whose last session ended more than retention_days ago', async () => {
		// Both test events end on 8 April 2027 at 16:45 Amsterdam time (14:45 UTC).
		const short = await signUpPair(db.sql);
		const long = await signUpPair(db.sql);
		await db.sql`update public.events set retention_days = 30 where id = ${short.eventId}`;
		// Everything else in this database keeps the default of 365 days.

		const justBefore = new Date('2027-05-08T14:44:00Z');
		const justAfter = new Date('2027-05-08T14:46:00Z');
		expect(await anonymiseExpired(db.sql, justBefore)).toBe(0);

		expect(await anonymiseExpired(db.sql, justAfter)).toBe(2);
		const statuses = await db.sql<{ id: string; anonymised_at: Date | null; name: string }[]>`
			select id, anonymised_at, name from public.registrations where event_id in (${short.eventId}, ${long.eventId})
		`;
		const byId = new Map(statuses.map((row) => [row.id, row]));
		expect(byId.get(short.zeynep.id)?.name).toBe('Geanonimiseerd');
		expect(byId.get(short.quinten.id)?.anonymised_at).toEqual(justAfter);
		expect(byId.get(long.zeynep.id)?.anonymised_at).toBeNull();
		expect(byId.get(long.quinten.id)?.name).toBe(long.colleague.name);

		const [line] = await db.sql`
			select actor, details from public.audit_log where registration_id = ${short.quinten.id} and action = 'registration.anonymised'
		`;
		expect(line).toMatchObject({ actor: 'systeem', details: { reason: 'retention' } });

		// Idempotent: a second sweep finds nothing new.
		expect(await anonymiseExpired(db.sql, justAfter)).toBe(0);
	});

	it('anonymises walk-ins of live sessions past the retention period too, and forgets expired devices', async () => {
		// The test events end on 8 April 2027 at 16:45 Amsterdam time.
		const { eventId, sessionIds } = await createEvent(db.sql);
		await db.sql`update public.events set retention_days = 30 where id = ${eventId}`;
		await ensureLiveSession(db.sql, sessionIds[0]!);
		await db.sql`update public.live_sessions set walk_ins_allowed = true where session_id = ${sessionIds[0]!}`;
		const walkIn = await joinAsWalkIn(db.sql, sessionIds[0]!, { naam: 'Wendy Inloop', organisatie: 'Provincie Utrecht' });
		await saveTakeaway(db.sql, sessionIds[0]!, walkIn.participantId, 'Eerst de raad meenemen', true);

		expect(await anonymiseExpiredWalkIns(db.sql, new Date('2027-05-08T14:44:00Z'))).toBe(0);
		expect(await anonymiseExpiredWalkIns(db.sql, new Date('2027-05-08T14:46:00Z'))).toBe(1);
		const [row] = await db.sql`select name, organisation_name, takeaway, takeaway_shared from public.session_participants where id = ${walkIn.participantId}`;
		expect(row).toEqual({ name: 'Geanonimiseerd', organisation_name: 'Provincie Utrecht', takeaway: null, takeaway_shared: false });
		expect(await resolveParticipant(db.sql, walkIn.deviceToken)).toBeNull();
		expect(await anonymiseExpiredWalkIns(db.sql, new Date('2027-05-08T14:46:00Z'))).toBe(0);

		// Devices last two days: an older one is forgotten, a fresh one stays.
		const fresh = await joinAsWalkIn(db.sql, sessionIds[0]!, { naam: 'Frits Vers', organisatie: 'Gemeente Ede' });
		const old = await joinAsWalkIn(db.sql, sessionIds[0]!, { naam: 'Olga Oud', organisatie: 'Gemeente Ede' });
		await db.sql`
			update public.session_participant_devices set created_at = now() - interval '3 days'
			where participant_id = ${old.participantId}
		`;
		expect(await deleteExpiredDevices(db.sql)).toBeGreaterThanOrEqual(1);
		const left = await db.sql`select participant_id from public.session_participant_devices where participant_id in (${fresh.participantId}, ${old.participantId})`;
		expect(left.map((device) => device.participant_id)).toEqual([fresh.participantId]);
	});

	it('anonymises nothing for an event without sessions', async () => {
		const [event] = await db.sql<{ id: string }[]>`
			insert into public.events (slug, status, title, fee_cents, retention_days)
			values ('zonder-sessies', 'draft', 'Zonder sessies', 0, 0) returning id
		`;
		expect(event).toBeDefined();
		expect(await anonymiseExpired(db.sql, new Date('2027-05-08T14:44:00Z'))).toBe(0);
	});
});

describe('anonymising the person inside the invoice details', () => {
	it('replaces their own address as invoice address and their name in a reference, and leaves other words whole', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		const tag = uniqueTag();
		const email = `an.${tag}@bos.example`;
		const name = `Ann ${tag}`;
		const { participants } = await signUp(
			db.sql,
			eventId,
			signUpInput(
				{ email, name, sessionIds },
				{
					invoice: {
						billingName: 'Gemeente Zandvoort',
						billingStreet: 'Postbus 2',
						billingPostcode: '2040 AA',
						billingCity: 'Zandvoort',
						billingEmail: email.toUpperCase(),
						billingReference: `t.a.v. ${name}`,
						purchaseOrderPending: false
					}
				}
			),
			{ origin: ORIGIN }
		);
		const id = participants[0]?.id ?? '';
		await anonymiseRegistration(db.sql, id, ORGANIZER);

		const [row] = await db.sql`select billing_email, billing_reference, billing_name from public.registrations where id = ${id}`;
		expect(row?.billing_email).toBe(anonymisedEmail(id));
		expect(row?.billing_reference).not.toContain(tag);
		expect(row?.billing_name).toBe('Gemeente Zandvoort');
		// "Annuleren" and similar words in what stays are not mangled by a short first name.
		const subjects = await db.sql<{ subject: string }[]>`select subject from public.outbox where registration_id = ${id}`;
		for (const { subject } of subjects) expect(subject).not.toMatch(/Geanonimiseerd\p{L}/u);
	});
});
