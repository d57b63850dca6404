import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db/database';
import { seedOnce } from '../../src/lib/server/db/migrations';
import {
	cancelRegistration,
	moveToWaitingList,
	promoteRegistration,
	setCheckIn,
	RegistrationChangeRefused,
	setParticipantListConsent,
	substituteParticipant,
	updateInvoiceDetails
} from '../../src/lib/server/registrations/lifecycle';
import { resendPersonalLink } from '../../src/lib/server/registrations/resend-link';
import { findRegistration, findRegistrationByToken, sharedParticipantList } from '../../src/lib/server/registrations/queries';
import { SignUpRefused, signUp } from '../../src/lib/server/registrations/sign-up';
import { silentLog } from './support/silent-log';
import { createEvent, DEMO_EVENT_ID, ORIGIN, signUpInput, statusCounts } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

let db: TestDatabase;

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
});
afterAll(() => db.drop());

async function outboxFor(registrationId: string) {
	return db.sql<{ kind: string; recipient: string; subject: string; attachments: { filename: string }[] }[]>`
		select kind, recipient, subject, attachments from public.outbox where registration_id = ${registrationId} order by id
	`;
}

describe('signing up', () => {
	it('confirms a participant, with sessions, a confirmation mail with calendar file and an audit line — together', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		const result = await signUp(db.sql, eventId, signUpInput({ email: 'eerste@zandvoort.example', sessionIds }), { origin: ORIGIN });

		expect(result.participants).toHaveLength(1);
		const [participant] = result.participants;
		expect(participant?.status).toBe('confirmed');
		const registration = await findRegistrationByToken(db.sql, participant?.accessToken ?? '');
		expect(registration).toMatchObject({ name: 'Test Deelnemer', organisationName: 'Gemeente Zandvoort', status: 'confirmed' });
		expect(registration?.sessions.map((session) => session.id)).toEqual(sessionIds);

		const mails = await outboxFor(participant?.id ?? '');
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatchObject({ kind: 'registration-confirmed', recipient: 'eerste@zandvoort.example' });
		expect(mails[0]?.attachments.map((attachment) => attachment.filename)).toEqual(['ontwerpsessies.ics']);

		const audit = await db.sql`select action from public.audit_log where registration_id = ${participant?.id ?? ''}`;
		expect(audit.map((row) => row.action)).toEqual(['registration.confirmed']);
	});

	it('signs up a coordinator and colleagues in one go, sharing organisation and invoice details', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 10 });
		const input = signUpInput({ email: 'coordinator@utrecht.example', sessionIds }, { organisation: { kind: 'listed', code: 'GM0344' } });
		input.participants.push(
			{ ...input.participants[0]!, name: 'Collega Twee', email: 'twee@utrecht.example', sessionIds: [sessionIds[0]!] },
			{ ...input.participants[0]!, name: 'Collega Drie', email: 'drie@utrecht.example' }
		);
		const result = await signUp(db.sql, eventId, input, { origin: ORIGIN });

		expect(result.participants.map((participant) => participant.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
		const rows = await db.sql<{ batch_id: string; organisation_name: string; billing_name: string; sessions: number }[]>`
			select batch_id, organisation_name, billing_name,
				(select count(*)::int from public.registration_sessions rs where rs.registration_id = r.id) as sessions
			from public.registrations r where event_id = ${eventId} order by sequence
		`;
		expect(new Set(rows.map((row) => row.batch_id)).size).toBe(1);
		expect(rows.map((row) => [row.organisation_name, row.billing_name, row.sessions])).toEqual([
			['Gemeente Utrecht', 'Gemeente Zandvoort', 2],
			['Gemeente Utrecht', 'Gemeente Zandvoort', 1],
			['Gemeente Utrecht', 'Gemeente Zandvoort', 2]
		]);
		// Each participant gets their own confirmation with their own link.
		const recipients = await db.sql`select recipient from public.outbox o join public.registrations r on r.id = o.registration_id where r.event_id = ${eventId} order by o.id`;
		expect(recipients.map((row) => row.recipient)).toEqual(['coordinator@utrecht.example', 'twee@utrecht.example', 'drie@utrecht.example']);
	});

	it('refuses the same e-mail twice for an event — in any letter case — and keeps the first', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		await signUp(db.sql, eventId, signUpInput({ email: 'dubbel@zandvoort.example', sessionIds }), { origin: ORIGIN });
		const second = signUp(db.sql, eventId, signUpInput({ email: 'Dubbel@Zandvoort.example', sessionIds }), { origin: ORIGIN });
		await expect(second).rejects.toMatchObject({ reason: 'duplicate' });
		await expect(second).rejects.toBeInstanceOf(SignUpRefused);
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 1 });
	});

	it('leaves nothing behind when one participant of a batch is refused', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		await signUp(db.sql, eventId, signUpInput({ email: 'bestaat@zandvoort.example', sessionIds }), { origin: ORIGIN });
		const input = signUpInput({ email: 'nieuw@zandvoort.example', sessionIds });
		input.participants.push({ ...input.participants[0]!, email: 'bestaat@zandvoort.example' });
		const outboxBefore = await db.sql`select count(*)::int as n from public.outbox`;

		await expect(signUp(db.sql, eventId, input, { origin: ORIGIN })).rejects.toMatchObject({
			reason: 'duplicate',
			fields: { 'deelnemer-1-email': expect.stringContaining('al iemand aangemeld') }
		});
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 1 });
		expect(await db.sql`select count(*)::int as n from public.outbox`).toEqual(outboxBefore);
	});

	it('refuses an organisation code that is not a current gemeente or provincie, and a session of another event', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		await expect(
			signUp(db.sql, eventId, signUpInput({ email: 'a@x.example', sessionIds }, { organisation: { kind: 'listed', code: 'GM9999' } }), { origin: ORIGIN })
		).rejects.toMatchObject({ reason: 'unknown-organisation', fields: { organisatie: expect.stringContaining('niet in de lijst') } });
		await expect(
			signUp(db.sql, eventId, signUpInput({ email: 'b@x.example', sessionIds: ['00000000-0000-4000-8000-000000000201'] }), { origin: ORIGIN })
		).rejects.toMatchObject({ reason: 'unknown-session' });
		expect(await statusCounts(db.sql, eventId)).toEqual({});
	});

	it('refuses sign-ups once registration has closed', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		await db.sql`update public.events set registration_closes_at = now() - interval '1 minute' where id = ${eventId}`;
		await expect(signUp(db.sql, eventId, signUpInput({ email: 'te-laat@x.example', sessionIds }), { origin: ORIGIN })).rejects.toMatchObject({
			reason: 'closed',
			message: 'De aanmelding voor dit evenement is gesloten.'
		});
		expect(await statusCounts(db.sql, eventId)).toEqual({});
	});

	it('refuses sign-ups for an event that is not published', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 5 });
		await db.sql`update public.events set status = 'draft', published_at = null where id = ${eventId}`;
		await expect(signUp(db.sql, eventId, signUpInput({ email: 'c@x.example', sessionIds }), { origin: ORIGIN })).rejects.toMatchObject({
			reason: 'not-found'
		});
	});
});

describe('capacity and the waiting list', () => {
	it('never overbooks: 200 simultaneous sign-ups for the last 10 places give 10 confirmed and 190 waitlisted', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 12 });
		await signUp(db.sql, eventId, signUpInput({ email: 'vooraf1@x.example', sessionIds }), { origin: ORIGIN });
		await signUp(db.sql, eventId, signUpInput({ email: 'vooraf2@x.example', sessionIds }), { origin: ORIGIN });

		// A pool as large as a busy app's, so the sign-ups really run side by side in PostgreSQL.
		const pool: Sql = connect(db.url, { max: 20 });
		try {
			const outcomes = await Promise.allSettled(
				Array.from({ length: 200 }, (_, index) =>
					signUp(
						pool,
						eventId,
						signUpInput(
							{ email: `deelnemer${index}@gemeente${index % 40}.example`, name: `Deelnemer ${index}`, sessionIds },
							{ organisation: { kind: 'listed', code: index % 2 ? 'GM0344' : 'GM0599' } }
						),
						{ origin: ORIGIN }
					)
				)
			);
			const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
			expect(failures).toEqual([]);
		} finally {
			await pool.end();
		}
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 12, waitlisted: 190 });
		const [duplicates] = await db.sql`
			select count(*)::int as n from (
				select lower(email) from public.registrations where event_id = ${eventId} group by 1 having count(*) > 1
			) d
		`;
		expect(duplicates?.n).toBe(0);
		const [mails] = await db.sql`
			select count(*) filter (where kind = 'registration-confirmed')::int as confirmed,
				count(*) filter (where kind = 'registration-waitlisted')::int as waitlisted
			from public.outbox o join public.registrations r on r.id = o.registration_id where r.event_id = ${eventId}
		`;
		expect(mails).toEqual({ confirmed: 12, waitlisted: 190 });
	});

	it('lets one registration through when the same e-mail signs up 20 times at once', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 50 });
		const pool: Sql = connect(db.url, { max: 10 });
		try {
			const outcomes = await Promise.allSettled(
				Array.from({ length: 20 }, () =>
					signUp(pool, eventId, signUpInput({ email: 'haastig@x.example', sessionIds }), { origin: ORIGIN })
				)
			);
			expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
			const reasons = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as SignUpRefused).reason] : []));
			expect(new Set(reasons)).toEqual(new Set(['duplicate']));
		} finally {
			await pool.end();
		}
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 1 });
	});

	it('refuses a confirmation beyond capacity in the database itself, whatever code path tries it', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 1 });
		await signUp(db.sql, eventId, signUpInput({ email: 'zit@x.example', sessionIds }), { origin: ORIGIN });
		const waiting = await signUp(db.sql, eventId, signUpInput({ email: 'wacht@x.example', sessionIds }), { origin: ORIGIN });
		expect(waiting.participants[0]?.status).toBe('waitlisted');

		const forced = db.sql`update public.registrations set status = 'confirmed' where id = ${waiting.participants[0]?.id ?? ''}`;
		await expect(forced).rejects.toMatchObject({ code: '23514', constraint_name: 'registrations_capacity' });
		await expect(promoteRegistration(db.sql, waiting.participants[0]?.id ?? '', { actor: 'org@x.example', origin: ORIGIN })).rejects.toMatchObject({
			reason: 'full'
		});
		expect(await statusCounts(db.sql, eventId)).toEqual({ confirmed: 1, waitlisted: 1 });
	});

	it('caps places per organisation until the date, then lets the organisation fill free places', async () => {
		const until = new Date(Date.now() + 7 * 24 * 3600 * 1000);
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 10, organisationCap: 1, organisationCapUntil: until });
		const first = await signUp(db.sql, eventId, signUpInput({ email: 'u1@utrecht.example', sessionIds }), { origin: ORIGIN });
		const second = await signUp(db.sql, eventId, signUpInput({ email: 'u2@utrecht.example', sessionIds }), { origin: ORIGIN });
		const other = await signUp(
			db.sql,
			eventId,
			signUpInput({ email: 'w@waterschap.example', sessionIds }, { organisation: { kind: 'other', name: 'Waterschap Rijnland' } }),
			{ origin: ORIGIN }
		);
		expect([first, second, other].map((result) => result.participants[0]?.status)).toEqual(['confirmed', 'waitlisted', 'confirmed']);

		// Once the cap ends, whoever it held back goes first, before the next sign-up.
		const later = new Date(until.getTime() + 1000);
		const third = await signUp(db.sql, eventId, signUpInput({ email: 'u3@utrecht.example', sessionIds }), { origin: ORIGIN, now: later });
		expect(third.participants[0]?.status).toBe('confirmed');
		const [u2] = await db.sql`select status from public.registrations where id = ${second.participants[0]?.id ?? ''}`;
		expect(u2?.status).toBe('confirmed');
		expect((await outboxFor(second.participants[0]?.id ?? '')).map((mail) => mail.kind)).toEqual([
			'registration-waitlisted',
			'registration-promoted'
		]);
	});

	it('offers a freed place to an organisation not yet represented before earlier sign-ups of a represented one', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 2 });
		const sign = (email: string, code: string) =>
			signUp(db.sql, eventId, signUpInput({ email, sessionIds }, { organisation: { kind: 'listed', code } }), { origin: ORIGIN });
		await sign('x1@x.example', 'GM0344');
		const y1 = await sign('y1@y.example', 'GM0599');
		const x2 = await sign('x2@x.example', 'GM0344'); // waits first, but Utrecht already has a place
		const z1 = await sign('z1@z.example', 'GM0014'); // waits second; Groningen has none

		const { promoted } = await cancelRegistration(db.sql, y1.participants[0]?.id ?? '', { actor: 'deelnemer', origin: ORIGIN });
		expect(promoted).toEqual([z1.participants[0]?.id]);
		const statuses = await db.sql`select email, status from public.registrations where event_id = ${eventId} order by sequence`;
		expect(statuses.map((row) => `${row.email}:${row.status}`)).toEqual([
			'x1@x.example:confirmed',
			'y1@y.example:cancelled',
			'x2@x.example:waitlisted',
			'z1@z.example:confirmed'
		]);
		expect((await outboxFor(z1.participants[0]?.id ?? '')).map((mail) => mail.kind)).toEqual([
			'registration-waitlisted',
			'registration-promoted'
		]);
		expect((await outboxFor(y1.participants[0]?.id ?? '')).map((mail) => mail.kind)).toEqual([
			'registration-confirmed',
			'registration-cancelled'
		]);
		expect((await outboxFor(x2.participants[0]?.id ?? '')).map((mail) => mail.kind)).toEqual(['registration-waitlisted']);
	});
});

describe('changes after sign-up', () => {
	const sign = (eventId: string, sessionIds: string[], email: string, code = 'GM0344') =>
		signUp(db.sql, eventId, signUpInput({ email, sessionIds }, { organisation: { kind: 'listed', code } }), { origin: ORIGIN }).then(
			(result) => result.participants[0]!
		);

	it('moves someone to the back of the waiting list and gives the place to the next in line', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 2 });
		const a = await sign(eventId, sessionIds, 'a@x.example');
		await sign(eventId, sessionIds, 'b@x.example');
		const c = await sign(eventId, sessionIds, 'c@x.example');
		const d = await sign(eventId, sessionIds, 'd@x.example');

		await moveToWaitingList(db.sql, a.id, { actor: 'org@x.example', origin: ORIGIN });
		expect((await findRegistration(db.sql, c.id))?.status).toBe('confirmed');
		const moved = await findRegistration(db.sql, a.id);
		expect(moved?.status).toBe('waitlisted');
		// Behind d, who was waiting already.
		expect(moved?.waitlistPosition).toBe(2);
		expect((await findRegistration(db.sql, d.id))?.waitlistPosition).toBe(1);
	});

	it('numbers the waiting list in the order places are offered: unrepresented organisations first', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 1 });
		await sign(eventId, sessionIds, 'u1@x.example', 'GM0344');
		const u2 = await sign(eventId, sessionIds, 'u2@x.example', 'GM0344');
		const r1 = await sign(eventId, sessionIds, 'r1@x.example', 'GM0599');
		expect((await findRegistration(db.sql, r1.id))?.waitlistPosition).toBe(1);
		expect((await findRegistration(db.sql, u2.id))?.waitlistPosition).toBe(2);
	});

	it('promotes within the cap per organisation also when the event has no capacity', async () => {
		const until = new Date(Date.now() + 7 * 24 * 3600 * 1000);
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: null, organisationCap: 1, organisationCapUntil: until });
		const first = await sign(eventId, sessionIds, 'g1@x.example');
		const second = await sign(eventId, sessionIds, 'g2@x.example');
		expect(second.status).toBe('waitlisted');
		await cancelRegistration(db.sql, first.id, { actor: 'deelnemer', origin: ORIGIN });
		expect((await findRegistration(db.sql, second.id))?.status).toBe('confirmed');
	});

	it('gives no freed place away once the programme is under way', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 1 });
		const first = await sign(eventId, sessionIds, 'laat1@x.example');
		const second = await sign(eventId, sessionIds, 'laat2@x.example');
		const afterLastStart = new Date('2027-04-08T12:00:00Z');
		const { promoted } = await cancelRegistration(db.sql, first.id, { actor: 'org@x.example', origin: ORIGIN, now: afterLastStart });
		expect(promoted).toEqual([]);
		expect((await findRegistration(db.sql, second.id))?.status).toBe('waitlisted');
	});

	it('refuses a change through a link that a substitution replaced a moment ago', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 2 });
		const original = await sign(eventId, sessionIds, 'oud-link@x.example');
		await substituteParticipant(db.sql, original.id, { name: 'Nieuw', email: 'nieuw-link@x.example', jobTitle: 'Adviseur' }, { actor: 'org@x.example', origin: ORIGIN });
		await expect(
			cancelRegistration(db.sql, original.id, { actor: 'deelnemer', origin: ORIGIN, accessToken: original.accessToken })
		).rejects.toMatchObject({ reason: 'not-found' });
		expect((await findRegistration(db.sql, original.id))?.status).toBe('confirmed');
	});

	it('checks in and hands over the same registration at the same time without deadlock', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 30 });
		const pool: Sql = connect(db.url, { max: 10 });
		try {
			for (let round = 0; round < 10; round++) {
				const person = await sign(eventId, sessionIds, `race${round}@x.example`);
				const outcomes = await Promise.allSettled([
					setCheckIn(pool, person.id, sessionIds[0]!, true, { actor: 'org@x.example', origin: ORIGIN }),
					substituteParticipant(pool, person.id, { name: 'Collega', email: `collega${round}@x.example`, jobTitle: 'X' }, { actor: 'deelnemer', origin: ORIGIN }),
					setCheckIn(pool, person.id, sessionIds[1]!, true, { actor: 'org@x.example', origin: ORIGIN })
				]);
				expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
			}
		} finally {
			await pool.end();
		}
	});
});

describe('substitution', () => {
	it('hands the place to a colleague with a new link; the old link stops working and both are told', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 3 });
		const original = await signUp(db.sql, eventId, signUpInput({ email: 'oud@zandvoort.example', name: 'Oude Naam', sessionIds }), {
			origin: ORIGIN
		});
		const participant = original.participants[0]!;
		const { accessToken } = await substituteParticipant(
			db.sql,
			participant.id,
			{ name: 'Nieuwe Collega', email: 'nieuw@zandvoort.example', jobTitle: 'Adviseur' },
			{ actor: 'deelnemer', origin: ORIGIN }
		);
		expect(accessToken).not.toBe(participant.accessToken);
		expect(await findRegistrationByToken(db.sql, participant.accessToken)).toBeNull();
		expect(await findRegistrationByToken(db.sql, accessToken)).toMatchObject({
			name: 'Nieuwe Collega',
			status: 'confirmed',
			organisationName: 'Gemeente Zandvoort'
		});
		const mails = await outboxFor(participant.id);
		expect(mails.slice(1).map((mail) => [mail.kind, mail.recipient])).toEqual([
			['registration-substitute', 'nieuw@zandvoort.example'],
			['registration-substituted', 'oud@zandvoort.example']
		]);
		await expect(
			substituteParticipant(db.sql, participant.id, { name: 'X', email: 'NIEUW@zandvoort.example', jobTitle: 'Y' }, { actor: 'deelnemer', origin: ORIGIN })
		).rejects.toBeInstanceOf(RegistrationChangeRefused);
	});
});

describe('the personal page', () => {
	it('changes invoice details, logging which fields changed and not their values', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 3 });
		const { participants } = await signUp(db.sql, eventId, signUpInput({ email: 'factuur@x.example', sessionIds }), { origin: ORIGIN });
		const id = participants[0]?.id ?? '';
		const invoice = { ...signUpInput({ email: 'x@x.example' }).invoice, purchaseOrder: '4500099999', billingCity: 'Haarlem' };
		await updateInvoiceDetails(db.sql, id, invoice, { actor: 'deelnemer', origin: ORIGIN });
		await updateInvoiceDetails(db.sql, id, invoice, { actor: 'deelnemer', origin: ORIGIN });
		const [row] = await db.sql`select purchase_order, billing_city from public.registrations where id = ${id}`;
		expect(row).toEqual({ purchase_order: '4500099999', billing_city: 'Haarlem' });
		const audit = await db.sql`select details from public.audit_log where registration_id = ${id} and action = 'registration.invoice-details-changed'`;
		// Saving the same details twice is one change, not two.
		expect(audit.map((line) => line.details)).toEqual([{ fields: ['billing_city', 'purchase_order'] }]);
	});

	it('records the participant list consent both ways', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 3 });
		const { participants } = await signUp(db.sql, eventId, signUpInput({ email: 'lijst@x.example', sessionIds }), { origin: ORIGIN });
		const id = participants[0]?.id ?? '';
		await setParticipantListConsent(db.sql, id, true, { actor: 'deelnemer', origin: ORIGIN });
		expect((await db.sql`select participant_list_consent as c from public.registrations where id = ${id}`)[0]?.c).toBe(true);
		await setParticipantListConsent(db.sql, id, false, { actor: 'deelnemer', origin: ORIGIN });
		expect((await db.sql`select participant_list_consent as c from public.registrations where id = ${id}`)[0]?.c).toBe(false);
	});

	it('sends a lost link again only to a known, live address, and not twice in ten minutes', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 3 });
		const { participants } = await signUp(db.sql, eventId, signUpInput({ email: 'kwijt@x.example', sessionIds }), { origin: ORIGIN });
		const id = participants[0]?.id ?? '';
		await resendPersonalLink(db.sql, eventId, 'KWIJT@x.example', ORIGIN);
		await resendPersonalLink(db.sql, eventId, 'kwijt@x.example', ORIGIN);
		await resendPersonalLink(db.sql, eventId, 'onbekend@x.example', ORIGIN);
		const mails = await db.sql<{ kind: string; text_body: string }[]>`
			select kind, text_body from public.outbox where kind = 'registration-link' and registration_id = ${id}
		`;
		expect(mails).toHaveLength(1);
		expect(mails[0]?.text_body).toContain(`${ORIGIN}/aanmelding/${participants[0]?.accessToken}`);
		const [strangers] = await db.sql`select count(*)::int as n from public.outbox where recipient = 'onbekend@x.example'`;
		expect(strangers?.n).toBe(0);
	});
});

describe('the demo data', () => {
	it('has a capacity, demo registrations within it and demo staff', async () => {
		const counts = await statusCounts(db.sql, DEMO_EVENT_ID);
		expect(counts.confirmed).toBeGreaterThan(0);
		const [event] = await db.sql`select capacity from public.events where id = ${DEMO_EVENT_ID}`;
		expect(counts.confirmed).toBeLessThanOrEqual(event?.capacity);
		const staff = await db.sql`select role from public.staff where active order by role`;
		expect(staff.map((row) => row.role)).toEqual(['facilitator', 'organizer']);
	});
});

describe('the shared participant list', () => {
	it('names only confirmed participants who agreed, and counts the others', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql, { capacity: 2 });
		const sign = (email: string, name: string, participantListConsent: boolean) =>
			signUp(db.sql, eventId, signUpInput({ email, name, sessionIds, participantListConsent }), { origin: ORIGIN });
		await sign('ja@x.example', 'Wel Op Lijst', true);
		await sign('nee@x.example', 'Niet Op Lijst', false);
		await sign('wacht@x.example', 'Wacht Op Lijst', true);
		const list = await sharedParticipantList(db.sql, eventId);
		expect(list.listed.map((person) => person.name)).toEqual(['Wel Op Lijst']);
		expect(list.unlistedCount).toBe(1);
	});
});
