import { createShapeId, type TLShapeId } from '@tldraw/tlschema';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canvasRecords } from '../../src/lib/canvas/doc-layout';
import { createCanvasDocument } from '../../src/lib/canvas/canvas-document';
import { frameShape, noteShape } from '../../src/lib/canvas/test-factories';
import { publicationOf } from '../../src/lib/reports/publication';
import { reportDocumentSchema, type ReportDocument } from '../../src/lib/reports/report-document';
import type { Sql } from '../../src/lib/server/db/database';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { joinAsWalkIn, joinWithRegistration } from '../../src/lib/server/live/participants';
import { saveTakeaway, stopSharingTakeaway } from '../../src/lib/server/live/participant-actions';
import { CanvasRooms } from '../../src/lib/server/realtime/canvas-rooms';
import { defaultLimits } from '../../src/lib/server/realtime/limits';
import { prepareCanvasDocument } from '../../src/lib/server/realtime/prepare-canvas';
import { setParticipantListConsent, substituteParticipant } from '../../src/lib/server/registrations/lifecycle';
import { anonymiseExpiredWalkIns, anonymiseRegistration, exportPersonalData } from '../../src/lib/server/registrations/privacy';
import { signUp } from '../../src/lib/server/registrations/sign-up';
import { readerAccess, type PublicationEvent } from '../../src/lib/server/reports/report-access';
import { publishedReports, publishReport, saveEdits, setPublicationVisibility, unpublishReport } from '../../src/lib/server/reports/report-store';
import { Reports } from '../../src/lib/server/reports/reports';
import { pdfPages } from '../../src/lib/server/invoicing/pdf/test-pdf-text';
import { ensureLiveSession } from '../../src/lib/server/live/join-code';
import { asApiRole } from './support/api-role';
import { silentLog } from './support/silent-log';
import { createEvent, ORIGIN, signUpInput } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

// The session report from real data: registrations and a walk-in in a live session, a theme
// canvas snapshot with a design question, ideas and handvatten, dot votes and take-aways;
// then editing, publishing (mails through the outbox), reading rights and RLS, forgetting.

let db: TestDatabase;
let rooms: CanvasRooms;
let reports: Reports;

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
	rooms = new CanvasRooms({ sql: db.sql, log: silentLog, limits: defaultLimits, prepare: prepareCanvasDocument, stillAllowed: async () => true });
	reports = new Reports(db.sql, rooms);
});

afterAll(async () => {
	await rooms.close();
	await db.drop();
});

interface Scene {
	eventId: string;
	slug: string;
	sessionIds: string[];
	themeIds: string[];
	people: Record<'anna' | 'bob' | 'carla', { registrationId: string; token: string; participantId: string }>;
	walkInId: string;
	ideas: Record<'a' | 'b' | 'c', TLShapeId>;
}

/** An event of its own with two themes, three registrations (Anna agrees to be named, Bob and Carla do not) and a walk-in. */
async function scene(): Promise<Scene> {
	const { eventId, sessionIds } = await createEvent(db.sql);
	const [event] = await db.sql<{ slug: string }[]>`select slug from public.events where id = ${eventId}`;
	const themes = await db.sql<{ id: string }[]>`
		insert into public.themes (event_id, position, title) values
			(${eventId}, 1, 'Zichtbaarheid en impact'), (${eventId}, 2, 'Borging en vervolg')
		returning id
	`;
	const themeIds = themes.map((theme) => theme.id);
	const canvases = await db.sql<{ id: string }[]>`insert into public.canvases (theme_id) select unnest(${themeIds}::uuid[]) returning id`;
	const items = await db.sql<{ id: string }[]>`
		insert into public.agenda_items (session_id, position, starts_at, ends_at, kind, title) values
			(${sessionIds[0]!}, 1, '2027-03-04 13:30 Europe/Amsterdam', '2027-03-04 14:00 Europe/Amsterdam', 'plenary', 'Welkom'),
			(${sessionIds[0]!}, 2, '2027-03-04 14:00 Europe/Amsterdam', '2027-03-04 15:00 Europe/Amsterdam', 'breakout', 'Samen aan de slag'),
			(${sessionIds[0]!}, 3, '2027-03-04 15:00 Europe/Amsterdam', '2027-03-04 15:15 Europe/Amsterdam', 'plenary', 'Afsluiting')
		returning id
	`;
	// The first two ran (the second five minutes over); the closing did not.
	await db.sql`
		insert into public.agenda_item_runs (session_id, item_id, item_title, started_at, ended_at) values
			(${sessionIds[0]!}, ${items[0]!.id}, 'Welkom', '2027-03-04 13:32 Europe/Amsterdam', '2027-03-04 14:01 Europe/Amsterdam'),
			(${sessionIds[0]!}, ${items[1]!.id}, 'Samen aan de slag', '2027-03-04 14:01 Europe/Amsterdam', '2027-03-04 15:06 Europe/Amsterdam')
	`;
	await ensureLiveSession(db.sql, sessionIds[0]!);
	await db.sql`update public.live_sessions set walk_ins_allowed = true where session_id = ${sessionIds[0]!}`;

	const person = async (name: string, email: string, code: string, consent: boolean) => {
		await signUp(
			db.sql,
			eventId,
			signUpInput({ name, email, sessionIds, participantListConsent: consent }, { organisation: { kind: 'listed', code } }),
			{ origin: ORIGIN }
		);
		const [row] = await db.sql<{ id: string; access_token: string }[]>`select id, access_token from public.registrations where email = ${email}`;
		const joined = await joinWithRegistration(db.sql, sessionIds[0]!, row!.access_token);
		return { registrationId: row!.id, token: row!.access_token, participantId: joined.participantId };
	};
	const people = {
		anna: await person('Anna Akkerman', `anna-${eventId}@utrecht.example`, 'GM0344', true),
		bob: await person('Bob Bezemer', `bob-${eventId}@haarlem.example`, 'GM0392', false),
		carla: await person('Carla Claassen', `carla-${eventId}@haarlem.example`, 'GM0392', false)
	};
	const walkIn = await joinAsWalkIn(db.sql, sessionIds[0]!, { naam: 'Wim Inloop', organisatie: 'Provincie Utrecht' });

	// Theme 1's canvas at the end of session 1: the design question in its column, three ideas,
	// two handvatten; theme 2's canvas stayed empty.
	const doc = new Y.Doc();
	createCanvasDocument(doc);
	const records = canvasRecords(doc);
	const questionColumn = createShapeId('vraag');
	const what = createShapeId('wat');
	const who = createShapeId('wie');
	records.set(frameShape('Onze ontwerpvraag', { w: 720, h: 900 }, { id: questionColumn, x: 0, y: 0 }));
	records.set(frameShape('Wat', { w: 720, h: 900 }, { id: what, x: 0, y: 1000 }));
	records.set(frameShape('Wie', { w: 720, h: 900 }, { id: who, x: 800, y: 1000 }));
	const question = { ...noteShape('Hoe kunnen wij de resultaten zichtbaar maken zodat de raad blijft investeren?', { x: 20, y: 60 }), parentId: questionColumn };
	records.set(question);
	const ideas = {
		a: noteShape('Een jaarlijkse oogstbijeenkomst', { id: createShapeId('a'), x: 1000, y: 0 }),
		b: noteShape('Verhalen van inwoners <met> foto’s & cijfers', { id: createShapeId('b'), x: 1000, y: 300 }),
		c: noteShape('Een dashboard voor de raad', { id: createShapeId('c'), x: 1000, y: 600 })
	};
	for (const idea of Object.values(ideas)) records.set(idea);
	const step = { ...noteShape('Een oogstbijeenkomst plannen met de wethouder', { x: 20, y: 60 }), parentId: what };
	const owner = { ...noteShape('Team sociaal domein', { x: 20, y: 60 }), parentId: who };
	records.set(step);
	records.set(owner);
	await db.sql`
		insert into public.canvas_session_snapshots (canvas_id, session_id, state)
		values (${canvases[0]!.id}, ${sessionIds[0]!}, ${Buffer.from(Y.encodeStateAsUpdate(doc))})
	`;

	// Dot votes: B three, C one, A none.
	const vote = (participantId: string, noteId: string) => db.sql`
		insert into public.session_votes (session_id, item_id, participant_id, canvas_id, note_id)
		values (${sessionIds[0]!}, ${items[1]!.id}, ${participantId}, ${canvases[0]!.id}, ${noteId})
	`;
	await vote(people.anna.participantId, ideas.b.id);
	await vote(people.bob.participantId, ideas.b.id);
	await vote(walkIn.participantId, ideas.b.id);
	await vote(people.carla.participantId, ideas.c.id);

	// Take-aways: Anna and Bob share theirs, Carla keeps hers to herself.
	await saveTakeaway(db.sql, sessionIds[0]!, people.anna.participantId, 'Eerst de raad meenemen', true);
	await saveTakeaway(db.sql, sessionIds[0]!, people.bob.participantId, 'Verhalen verzamelen bij de wijkteams', true);
	await saveTakeaway(db.sql, sessionIds[0]!, people.carla.participantId, 'Alleen voor mezelf', false);

	return {
		eventId,
		slug: event!.slug,
		sessionIds,
		themeIds,
		people,
		walkInId: walkIn.participantId,
		ideas: { a: ideas.a.id, b: ideas.b.id, c: ideas.c.id }
	};
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Everything a reader of `report` sees, as text. */
const visibleText = (report: ReportDocument) => JSON.stringify({ ...report, takeaways: report.takeaways.map(({ participantId: _, ...rest }) => rest) });

describe('the session report', () => {
	let s: Scene;
	beforeAll(async () => {
		s = await scene();
	});

	it('is built from the session: agenda as it ran, the question, ideas by votes, handvatten, the canvas, take-aways shared, organisations', async () => {
		const draft = await reports.draft(s.slug, 1);
		expect(draft).not.toBeNull();
		const report = draft!.report;
		expect(reportDocumentSchema.parse(report)).toEqual(report);

		expect(report.agenda.map((item) => [item.title, item.actualStart !== null, item.actualEnd !== null])).toEqual([
			['Welkom', true, true],
			['Samen aan de slag', true, true],
			['Afsluiting', false, false]
		]);
		expect(Date.parse(report.agenda[1]!.actualEnd!) - Date.parse(report.agenda[1]!.plannedEnd)).toBe(6 * 60_000);

		const [theme1, theme2] = report.themes;
		expect(theme1!.designQuestions).toEqual(['Hoe kunnen wij de resultaten zichtbaar maken zodat de raad blijft investeren?']);
		expect(theme1!.ideas.map((idea) => [idea.text, idea.votes])).toEqual([
			['Verhalen van inwoners <met> foto’s & cijfers', 3],
			['Een dashboard voor de raad', 1],
			['Een jaarlijkse oogstbijeenkomst', 0]
		]);
		expect(theme1!.handvatten.map((handvat) => [handvat.column, handvat.text])).toEqual([
			['Wat', 'Een oogstbijeenkomst plannen met de wethouder'],
			['Wie', 'Team sociaal domein']
		]);
		// The picture is the snapshot's, with the idea's text in it (escaped), and words for it.
		expect(theme1!.canvas?.source).toBe('snapshot');
		expect(theme1!.canvas?.svg).toContain('inwoners &lt;met&gt;');
		expect(theme1!.canvas?.alt).toMatch(/notities/);
		expect(theme2!.ideas).toEqual([]);

		expect(report.takeaways.map((takeaway) => [takeaway.text, takeaway.name])).toEqual([
			['Eerst de raad meenemen', 'Anna Akkerman'],
			['Verhalen verzamelen bij de wijkteams', null]
		]);
		expect(report.participantCount).toBe(4);
		expect(report.organisations.map((organisation) => organisation.name)).toEqual(['Gemeente Haarlem', 'Gemeente Utrecht', 'Provincie Utrecht']);
		expect(report.organisations.find((organisation) => organisation.name === 'Gemeente Utrecht')?.people).toEqual(['Anna Akkerman']);
		// Nobody is named who did not agree to it, and what was not shared is not in it.
		const text = visibleText(report);
		for (const hidden of ['Bob Bezemer', 'Carla Claassen', 'Wim Inloop', 'Alleen voor mezelf']) expect(text).not.toContain(hidden);
	});

	it('takes the organizer’s edits: an introduction, a question of their own, an idea and a take-away left out', async () => {
		const draft = (await reports.draft(s.slug, 1))!;
		await saveEdits(
			db.sql,
			{ eventId: s.eventId, sessionId: s.sessionIds[0]! },
			{
				intro: 'Een middag in Zandvoort.',
				themes: { [s.themeIds[0]!]: { designQuestions: ['Hoe maken we impact zichtbaar?'], summary: 'Veel energie.', hiddenNotes: [s.ideas.a] } },
				hiddenTakeaways: [s.people.bob.participantId]
			},
			'organisator@example.nl'
		);
		const edited = (await reports.draft(s.slug, 1))!;
		expect(edited.report.intro).toBe('Een middag in Zandvoort.');
		expect(edited.report.themes[0]!.designQuestions).toEqual(['Hoe maken we impact zichtbaar?']);
		expect(edited.report.themes[0]!.ideas.map((idea) => idea.id)).toEqual([s.ideas.b, s.ideas.c]);
		// What is left out of the list is left out of the picture too.
		expect(draft.report.themes[0]!.canvas!.svg).toContain('jaarlijkse');
		expect(edited.report.themes[0]!.canvas!.svg).not.toContain('jaarlijkse');
		expect(edited.report.themes[0]!.canvas!.svg).toContain('dashboard');
		expect(edited.report.takeaways.map((takeaway) => takeaway.text)).toEqual(['Eerst de raad meenemen']);
		// The editor still lists everything, and knows what the canvas proposed.
		expect(edited.complete.themes[0]!.ideas).toHaveLength(3);
		expect(edited.complete.takeaways).toHaveLength(2);
		expect(edited.generatedQuestions.get(s.themeIds[0]!)).toEqual(draft.report.themes[0]!.designQuestions);
	});

	it('is published once with a mail to every participant with a place, and again without mails', async () => {
		const draft = (await reports.draft(s.slug, 1))!;
		const target = { eventId: s.eventId, sessionId: s.sessionIds[0]! };
		const first = await publishReport(db.sql, target, draft.report, 'organisator@example.nl', ORIGIN);
		expect(first).toEqual({ mailed: 3, again: false });
		const mails = await db.sql<{ recipient: string; text_body: string }[]>`
			select o.recipient, o.text_body from public.outbox o
			join public.registrations r on r.id = o.registration_id
			where o.kind = 'report-published' and r.event_id = ${s.eventId}
			order by o.id
		`;
		expect(mails.map((mail) => mail.recipient.split('-')[0])).toEqual(['anna', 'bob', 'carla']);
		expect(mails[0]!.text_body).toContain(`${ORIGIN}/aanmelding/${s.people.anna.token}/verslag/${s.sessionIds[0]}`);

		const again = await publishReport(db.sql, target, draft.report, 'organisator@example.nl', ORIGIN);
		expect(again).toEqual({ mailed: 0, again: true });
		const [count] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from public.outbox o join public.registrations r on r.id = o.registration_id
			where o.kind = 'report-published' and r.event_id = ${s.eventId}
		`;
		expect(count!.n).toBe(3);
		const [published] = await publishedReports(db.sql, s.eventId);
		expect(published?.intro).toBe('Een middag in Zandvoort.');
	});

	it('sends one round of mails when two organizers publish at the same moment, without a name withdrawn meanwhile', async () => {
		const other = await scene();
		const draft = (await reports.draft(other.slug, 1))!;
		expect(visibleText(draft.report)).toContain('Anna Akkerman');
		// Between building the report and publishing it, Anna withdraws her consent.
		await setParticipantListConsent(db.sql, other.people.anna.registrationId, false, {
			actor: 'deelnemer',
			origin: ORIGIN,
			accessToken: other.people.anna.token
		});
		const target = { eventId: other.eventId, sessionId: other.sessionIds[0]! };
		const outcomes = await Promise.all([
			publishReport(db.sql, target, draft.report, 'een@example.nl', ORIGIN),
			publishReport(db.sql, target, draft.report, 'twee@example.nl', ORIGIN)
		]);
		expect(outcomes.map((outcome) => outcome.mailed).sort()).toEqual([0, 3]);
		const [mails] = await db.sql<{ n: number }[]>`
			select count(*)::int as n from public.outbox o join public.registrations r on r.id = o.registration_id
			where o.kind = 'report-published' and r.event_id = ${other.eventId}
		`;
		expect(mails!.n).toBe(3);
		const [published] = await publishedReports(db.sql, other.eventId);
		expect(visibleText(published!)).not.toContain('Anna Akkerman');
		expect(published!.takeaways.map((takeaway) => takeaway.text)).toContain('Eerst de raad meenemen');
	});

	it('forgets a person who hands their place over mid-session; the colleague is named by their own consent', async () => {
		const other = await scene();
		const target = { eventId: other.eventId, sessionId: other.sessionIds[0]! };
		await publishReport(db.sql, target, (await reports.draft(other.slug, 1))!.report, 'organisator@example.nl', ORIGIN);
		expect(visibleText((await publishedReports(db.sql, other.eventId))[0]!)).toContain('Anna Akkerman');

		// Anna (who agreed to be named) hands her place to Dirk; he agrees too, and joins.
		const { accessToken } = await substituteParticipant(
			db.sql,
			other.people.anna.registrationId,
			{ name: 'Dirk Opvolger', email: `dirk-${other.eventId}@utrecht.example`, jobTitle: 'Adviseur' },
			{ actor: 'organisator@example.nl', origin: ORIGIN }
		);
		const [published] = await publishedReports(db.sql, other.eventId);
		expect(visibleText(published!)).not.toContain('Anna Akkerman');
		expect(published!.takeaways.map((takeaway) => takeaway.text)).not.toContain('Eerst de raad meenemen');

		await setParticipantListConsent(db.sql, other.people.anna.registrationId, true, { actor: 'deelnemer', origin: ORIGIN, accessToken });
		const dirk = await joinWithRegistration(db.sql, other.sessionIds[0]!, accessToken);
		await saveTakeaway(db.sql, other.sessionIds[0]!, dirk.participantId, 'Dirk begint bij de wijkteams', true);
		const { report } = (await reports.draft(other.slug, 1))!;
		expect(report.takeaways.map((takeaway) => [takeaway.text, takeaway.name]).sort()).toEqual([
			['Dirk begint bij de wijkteams', 'Dirk Opvolger'],
			['Verhalen verzamelen bij de wijkteams', null]
		]);
		expect(report.organisations.find((organisation) => organisation.name === 'Gemeente Utrecht')?.people).toEqual(['Dirk Opvolger']);
		expect(visibleText(report)).not.toContain('Anna Akkerman');
	});

	it('is frozen: a later vote changes the draft, not what was published', async () => {
		const [item] = await db.sql<{ id: string }[]>`select id from public.agenda_items where session_id = ${s.sessionIds[0]!} and position = 2`;
		const [canvas] = await db.sql<{ id: string }[]>`select id from public.canvases where theme_id = ${s.themeIds[0]!}`;
		await db.sql`
			insert into public.session_votes (session_id, item_id, participant_id, canvas_id, note_id)
			values (${s.sessionIds[0]!}, ${item!.id}, ${s.people.anna.participantId}, ${canvas!.id}, ${s.ideas.c})
		`;
		expect((await reports.draft(s.slug, 1))!.report.themes[0]!.ideas[1]!.votes).toBe(2);
		expect((await publishedReports(db.sql, s.eventId))[0]!.themes[0]!.ideas[1]!.votes).toBe(1);
	});

	it('can be read by participants, the team and (once public) anyone; not by strangers or cancelled participants', async () => {
		const [row] = await db.sql<{ publication_visibility: 'private' | 'public' }[]>`select publication_visibility from public.events where id = ${s.eventId}`;
		const event: PublicationEvent = { id: s.eventId, slug: s.slug, title: 'Testevenement', visibility: row!.publication_visibility };
		const cookies = (values: Record<string, string>) => ({ get: (name: string) => values[name] });
		expect(event.visibility).toBe('private');
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({}) })).toBeNull();
		expect(await readerAccess(db.sql, event, { isStaff: true, cookies: cookies({}) })).toBe('staff');
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({ os_lezer: sha256(s.people.bob.token) }) })).toBe('participant');
		// The cookie holds the secret's hash; the secret itself (the key to the personal page) is not it.
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({ os_lezer: s.people.bob.token }) })).toBeNull();
		// Someone else's event's participant, and a made-up token, get nothing.
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({ os_lezer: 'f'.repeat(64) }) })).toBeNull();
		const [seeded] = await db.sql<{ access_token: string }[]>`select access_token from public.registrations where email = 'anouk.devries@example.nl'`;
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({ os_lezer: sha256(seeded!.access_token) }) })).toBeNull();
		expect(await readerAccess(db.sql, { ...event, visibility: 'public' }, { isStaff: false, cookies: cookies({}) })).toBe('public');
		// A participant who cancelled reads no more.
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({ os_lezer: sha256(s.people.carla.token) }) })).toBe('participant');
		await db.sql`update public.registrations set status = 'cancelled' where id = ${s.people.carla.registrationId}`;
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: cookies({ os_lezer: sha256(s.people.carla.token) }) })).toBeNull();
	});

	it('stays out of the API roles’ reach until published for everyone (RLS)', async () => {
		const asAnon = <T>(work: (tx: Sql) => Promise<T>) => asApiRole(db.sql, 'anon', work);
		const visible = () => asAnon((tx) => tx<{ session_id: string }[]>`select session_id, published from public.session_reports where session_id = any(${s.sessionIds})`);
		// Session 2 has a draft with edits; session 1 is published, but privately.
		await saveEdits(db.sql, { eventId: s.eventId, sessionId: s.sessionIds[1]! }, { intro: 'Concept', themes: {}, hiddenTakeaways: [] }, 'organisator@example.nl');
		expect(await visible()).toEqual([]);
		await setPublicationVisibility(db.sql, s.eventId, 'public', 'organisator@example.nl');
		expect((await visible()).map((row) => row.session_id)).toEqual([s.sessionIds[0]]);
		// The edits (which say what was left out) stay with the app, even of a public report.
		await expect(asAnon((tx) => tx`select edits from public.session_reports`)).rejects.toThrow(/permission denied/);
		// Nor can they change a report: no policy lets them, so nothing changes.
		expect((await asAnon((tx) => tx`update public.session_reports set published = null returning session_id`)).length).toBe(0);
		expect((await publishedReports(db.sql, s.eventId)).length).toBe(1);
		await unpublishReport(db.sql, { eventId: s.eventId, sessionId: s.sessionIds[0]! }, 'organisator@example.nl');
		expect(await visible()).toEqual([]);
		const draft = (await reports.draft(s.slug, 1))!;
		await publishReport(db.sql, { eventId: s.eventId, sessionId: s.sessionIds[0]! }, draft.report, 'organisator@example.nl', ORIGIN);
		await setPublicationVisibility(db.sql, s.eventId, 'private', 'organisator@example.nl');
	});

	it('forgets a person in what was published: consent withdrawn takes the name, anonymising also the take-away', async () => {
		await setParticipantListConsent(db.sql, s.people.anna.registrationId, false, { actor: 'deelnemer', origin: ORIGIN, accessToken: s.people.anna.token });
		let [published] = await publishedReports(db.sql, s.eventId);
		expect(visibleText(published!)).not.toContain('Anna Akkerman');
		expect(published!.takeaways.map((takeaway) => takeaway.text)).toContain('Eerst de raad meenemen');
		// Her AVG export says which published report still quotes her.
		const exported = await exportPersonalData(db.sql, s.people.anna.registrationId);
		expect(exported?.publishedReports).toEqual([{ session: 'Sessie 1', named: false, takeaway: 'Eerst de raad meenemen' }]);

		await anonymiseRegistration(db.sql, s.people.anna.registrationId, 'organisator@example.nl');
		[published] = await publishedReports(db.sql, s.eventId);
		expect(published!.takeaways.map((takeaway) => takeaway.text)).not.toContain('Eerst de raad meenemen');
		// And her link no longer opens the private publication.
		const event: PublicationEvent = { id: s.eventId, slug: s.slug, title: 'Testevenement', visibility: 'private' };
		expect(await readerAccess(db.sql, event, { isStaff: false, cookies: { get: () => sha256(s.people.anna.token) } })).toBeNull();
	});

	it('lets a participant stop sharing after the session, which takes the take-away out of the published report', async () => {
		const other = await scene();
		const draft = (await reports.draft(other.slug, 1))!;
		await publishReport(db.sql, { eventId: other.eventId, sessionId: other.sessionIds[0]! }, draft.report, 'organisator@example.nl', ORIGIN);
		const texts = async () => (await publishedReports(db.sql, other.eventId))[0]!.takeaways.map((takeaway) => takeaway.text);
		expect(await texts()).toContain('Verhalen verzamelen bij de wijkteams');
		await db.sql`update public.live_sessions set status = 'ended' where session_id = ${other.sessionIds[0]!}`;
		expect(await stopSharingTakeaway(db.sql, other.people.bob.registrationId, other.sessionIds[0]!)).toBe(true);
		expect(await texts()).not.toContain('Verhalen verzamelen bij de wijkteams');
		expect(await texts()).toContain('Eerst de raad meenemen');
		expect(await stopSharingTakeaway(db.sql, other.people.bob.registrationId, other.sessionIds[0]!)).toBe(false);

		// A walk-in's shared take-away leaves with the retention sweep. (The session has ended, so
		// the room no longer takes it; written here as the room had stored it.)
		await db.sql`update public.session_participants set takeaway = 'Een idee van de inloper', takeaway_shared = true where id = ${other.walkInId}`;
		await publishReport(db.sql, { eventId: other.eventId, sessionId: other.sessionIds[0]! }, (await reports.draft(other.slug, 1))!.report, 'organisator@example.nl', ORIGIN);
		expect(await texts()).toContain('Een idee van de inloper');
		await db.sql`update public.events set retention_days = 0 where id = ${other.eventId}`;
		// The event's last session ends on 8 April 2027.
		expect(await anonymiseExpiredWalkIns(db.sql, new Date('2027-04-09T00:00:00Z'))).toBe(1);
		expect(await texts()).not.toContain('Een idee van de inloper');
	});

	it('takes a published copy it can no longer read offline, with a line in the audit log', async () => {
		const other = await scene();
		const draft = (await reports.draft(other.slug, 1))!;
		await publishReport(db.sql, { eventId: other.eventId, sessionId: other.sessionIds[0]! }, draft.report, 'organisator@example.nl', ORIGIN);
		await db.sql`update public.session_reports set published = published || '{"version": 99}'::jsonb where session_id = ${other.sessionIds[0]!}`;
		await setParticipantListConsent(db.sql, other.people.anna.registrationId, false, { actor: 'deelnemer', origin: ORIGIN, accessToken: other.people.anna.token });
		const [row] = await db.sql`select published from public.session_reports where session_id = ${other.sessionIds[0]!}`;
		expect(row!.published).toBeNull();
		const [line] = await db.sql`select actor, details from public.audit_log where event_id = ${other.eventId} and action = 'report.unpublished'`;
		expect(line).toMatchObject({ actor: 'systeem', details: { because: 'unreadable' } });
	});

	it('prints as a PDF with the ideas in vote order, and the publication brings the sessions together', async () => {
		const [published] = await publishedReports(db.sql, s.eventId);
		const pages = await pdfPages(await reports.reportPdf(published!));
		const text = pages.join(' ');
		expect(text.indexOf('Verhalen van inwoners')).toBeGreaterThan(-1);
		expect(text.indexOf('Verhalen van inwoners')).toBeLessThan(text.indexOf('Een dashboard voor de raad'));
		expect(text).not.toContain('Bob Bezemer');
		const publication = publicationOf({ slug: s.slug, title: 'Testevenement' }, [published!]);
		expect(publication.themes[0]!.finalIdeas[0]!.text).toBe('Verhalen van inwoners <met> foto’s & cijfers');
		const publicationPages = await pdfPages(await reports.publicationPdf(publication));
		expect(publicationPages.join(' ')).toContain('Hoe maken we impact zichtbaar?');
	});
});
