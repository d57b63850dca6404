import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { ensureLiveSession, JOIN_CODE_PATTERN } from '../../src/lib/server/live/join-code';
import { createTemplate, deleteTemplate, listTemplates, TemplateChangeRefused, templateById } from '../../src/lib/server/live/templates';
import type { AgendaItemInput, SessionInput } from '../../src/lib/server/programme/agenda-form';
import { AgendaRefused, deleteSession, loadEventAgenda, saveSession } from '../../src/lib/server/programme/agenda-store';
import { silentLog } from './support/silent-log';
import { createEvent, DEMO_SESSION_IDS } from './support/sign-ups';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

/**
 * The agenda editor's writes against a real PostgreSQL: a session with all its items in one
 * transaction (kept item ids survive, a failing row writes nothing), removing sessions, join
 * codes, and the organizers' own design techniques.
 */
let db: TestDatabase;
const ORGANIZER = 'organisator@ontwerpsessies.test';

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
});
afterAll(() => db?.drop());

/** A time on 4 March 2027 (or `day`), Amsterdam winter time (UTC+1): `13:30` → 12:30Z. */
const at = (time: string, day = '2027-03-04') => new Date(`${day}T${time}:00+01:00`);

function agendaItem(start: string, end: string, title: string, overrides: Partial<AgendaItemInput> = {}, day?: string): AgendaItemInput {
	return { id: null, startsAt: at(start, day), endsAt: at(end, day), title, kind: 'plenary', silentWriting: false, templateId: null, themeId: null, ...overrides };
}

function sessionInput(items: AgendaItemInput[], overrides: Partial<SessionInput> = {}): SessionInput {
	return {
		title: 'Ontwerpsessie 3',
		startsAt: at('13:30'),
		endsAt: at('17:00'),
		venue: { name: 'Stadhuis', address: null, city: 'Utrecht' },
		items,
		...overrides
	};
}

/** Everything the editor writes for an event, to compare before and after a refused save. */
async function snapshot(eventId: string) {
	return db.sql`
		select s.id, s.position, s.title, s.starts_at, s.ends_at, s.venue_name, s.venue_city,
			coalesce(json_agg(json_build_object('id', a.id, 'position', a.position, 'title', a.title, 'starts', a.starts_at) order by a.position)
				filter (where a.id is not null), '[]') as items,
			(select count(*)::int from public.live_sessions l where l.session_id = s.id) as live,
			(select count(*)::int from public.audit_log where event_id = ${eventId}) as audit
		from public.event_sessions s left join public.agenda_items a on a.session_id = s.id
		where s.event_id = ${eventId}
		group by s.id order by s.position
	`;
}

async function templateIdBySlug(slug: string): Promise<string> {
	const [row] = await db.sql<{ id: string }[]>`select id from public.canvas_templates where slug = ${slug}`;
	if (!row) throw new Error(`no template ${slug}`);
	return row.id;
}

describe('saving a session with its agenda', () => {
	it('creates a session with its items, positions in order, a live session with a join code and an audit line', async () => {
		const { eventId } = await createEvent(db.sql);
		const brainwriting = await templateIdBySlug('brainwriting');
		const saved = await saveSession(
			db.sql,
			{ eventId, sessionId: null },
			sessionInput(
				[
					agendaItem('13:30', '14:00', 'Welkom', {}, '2027-03-01'),
					agendaItem('14:00', '15:00', 'Ideeën', { kind: 'breakout', silentWriting: true, templateId: brainwriting }, '2027-03-01'),
					agendaItem('15:00', '15:15', 'Pauze', { kind: 'break' }, '2027-03-01')
				],
				// Before the two sessions createEvent made (4 March and 8 April 2027): it goes first.
				{ startsAt: at('13:30', '2027-03-01'), endsAt: at('17:00', '2027-03-01') }
			),
			ORGANIZER
		);
		expect(saved.created).toBe(true);
		expect(saved.joinCode).toMatch(JOIN_CODE_PATTERN);

		const sessions = await loadEventAgenda(db.sql, eventId);
		expect(sessions.map((session) => [session.position, session.title])).toEqual([
			[1, 'Ontwerpsessie 3'],
			[2, 'Sessie 1'],
			[3, 'Sessie 2']
		]);
		const [created] = sessions;
		expect(created?.id).toBe(saved.sessionId);
		expect(created?.joinCode).toBe(saved.joinCode);
		expect(created?.liveStatus).toBe('not-started');
		expect(created?.items.map((item) => [item.position, item.title, item.kind, item.silentWriting, item.templateName])).toEqual([
			[1, 'Welkom', 'plenary', false, null],
			[2, 'Ideeën', 'breakout', true, 'Ideation: brainwriting'],
			[3, 'Pauze', 'break', false, null]
		]);
		const audit = await db.sql`select action, actor from public.audit_log where event_id = ${eventId}`;
		expect(audit.map((row) => [row.action, row.actor])).toEqual([['agenda.session-added', ORGANIZER]]);
	});

	it('keeps the ids of kept items, so live state and votes that point at them survive; removes the others', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const sessionId = sessionIds[0] as string;
		await saveSession(
			db.sql,
			{ eventId, sessionId },
			sessionInput([agendaItem('13:30', '14:00', 'Welkom'), agendaItem('14:00', '15:00', 'Werken'), agendaItem('15:00', '15:30', 'Afsluiting')]),
			ORGANIZER
		);
		const [before] = (await loadEventAgenda(db.sql, eventId)).filter((session) => session.id === sessionId);
		const [welkom, werken, afsluiting] = before?.items ?? [];
		if (!welkom || !werken || !afsluiting) throw new Error('items not stored');
		// The facilitator is on "Werken" and voting runs on "Afsluiting".
		await db.sql`update public.live_sessions set current_item_id = ${werken.id}, voting_item_id = ${afsluiting.id} where session_id = ${sessionId}`;

		// "Welkom" goes, a new item comes before "Werken" (which moves and is renamed), "Afsluiting" stays.
		await saveSession(
			db.sql,
			{ eventId, sessionId },
			sessionInput([
				agendaItem('13:30', '13:45', 'Kennismaken'),
				agendaItem('13:45', '15:00', 'Werken in groepen', { id: werken.id, kind: 'breakout' }),
				agendaItem('15:00', '15:30', 'Afsluiting', { id: afsluiting.id })
			]),
			ORGANIZER
		);
		const [after] = (await loadEventAgenda(db.sql, eventId)).filter((session) => session.id === sessionId);
		expect(after?.items.map((item) => [item.position, item.title])).toEqual([
			[1, 'Kennismaken'],
			[2, 'Werken in groepen'],
			[3, 'Afsluiting']
		]);
		expect(after?.items[1]?.id).toBe(werken.id);
		expect(after?.items[2]?.id).toBe(afsluiting.id);
		expect(after?.items.map((item) => item.id)).not.toContain(welkom.id);
		const [live] = await db.sql`select current_item_id, voting_item_id from public.live_sessions where session_id = ${sessionId}`;
		expect(live).toEqual({ current_item_id: werken.id, voting_item_id: afsluiting.id });
		// The code stayed the same: ensuring a live session twice changes nothing.
		expect(after?.joinCode).toBe(before?.joinCode);
	});

	it('writes nothing when one row fails in the database', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const sessionId = sessionIds[1] as string;
		await saveSession(db.sql, { eventId, sessionId }, sessionInput([agendaItem('13:30', '14:00', 'Welkom')]), ORGANIZER);
		const before = await snapshot(eventId);
		const [welkom] = (await loadEventAgenda(db.sql, eventId)).find((session) => session.id === sessionId)?.items ?? [];

		// The last row breaks the table's own check (end after start), after the others were written.
		const failing = sessionInput(
			[
				agendaItem('13:30', '14:00', 'Welkom, hernoemd', { id: welkom?.id ?? null }),
				agendaItem('14:00', '14:30', 'Nieuw'),
				agendaItem('15:00', '14:45', 'Achterstevoren')
			],
			{ title: 'Nieuwe titel' }
		);
		await expect(saveSession(db.sql, { eventId, sessionId }, failing, ORGANIZER)).rejects.toThrow(/agenda_items_check|check constraint/);
		// A new session whose last row fails leaves no session and no live session behind either.
		await expect(saveSession(db.sql, { eventId, sessionId: null }, failing, ORGANIZER)).rejects.toThrow();
		expect(await snapshot(eventId)).toEqual(before);
	});

	it('refuses an item id of another session, and a template that is gone, writing nothing', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const sessionId = sessionIds[0] as string;
		const before = await snapshot(eventId);
		const [demoItem] = await db.sql<{ id: string }[]>`select id from public.agenda_items where session_id = ${DEMO_SESSION_IDS[0] ?? ''} limit 1`;
		const stolen = saveSession(db.sql, { eventId, sessionId }, sessionInput([agendaItem('13:30', '14:00', 'Van een ander', { id: demoItem?.id ?? null })]), ORGANIZER);
		await expect(stolen).rejects.toBeInstanceOf(AgendaRefused);
		await expect(stolen).rejects.toMatchObject({ reason: 'stale' });

		const gone = saveSession(
			db.sql,
			{ eventId, sessionId },
			sessionInput([agendaItem('13:30', '14:00', 'Werkvorm weg', { templateId: '00000000-0000-4000-8000-00000000dead' })]),
			ORGANIZER
		);
		await expect(gone).rejects.toMatchObject({ reason: 'gone-choice' });
		expect(await snapshot(eventId)).toEqual(before);
		// The demo item is where it was.
		const [still] = await db.sql`select session_id from public.agenda_items where id = ${demoItem?.id ?? ''}`;
		expect(still?.session_id).toBe(DEMO_SESSION_IDS[0]);
	});
});

describe('removing a session', () => {
	it('removes a session that has not run, with its agenda and live state, and renumbers the rest', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		await saveSession(db.sql, { eventId, sessionId: sessionIds[0] as string }, sessionInput([agendaItem('13:30', '14:00', 'Welkom')]), ORGANIZER);
		const removed = await deleteSession(db.sql, { eventId, sessionId: sessionIds[0] as string }, ORGANIZER);
		expect(removed.title).toBe('Ontwerpsessie 3');
		const sessions = await loadEventAgenda(db.sql, eventId);
		expect(sessions.map((session) => [session.position, session.title])).toEqual([[1, 'Sessie 2']]);
		const [left] = await db.sql`
			select (select count(*)::int from public.live_sessions where session_id = ${sessionIds[0] as string}) as live,
				(select count(*)::int from public.agenda_items where session_id = ${sessionIds[0] as string}) as items
		`;
		expect(left).toEqual({ live: 0, items: 0 });
	});

	it('refuses a session that has run or runs, and one people signed up for, in Dutch', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const sessionId = sessionIds[0] as string;
		await ensureLiveSession(db.sql, sessionId);
		await db.sql`update public.live_sessions set status = 'ended' where session_id = ${sessionId}`;
		const ran = deleteSession(db.sql, { eventId, sessionId }, ORGANIZER);
		await expect(ran).rejects.toMatchObject({ reason: 'already-ran' });
		await expect(ran).rejects.toThrow(/al gehouden/);

		// The demo sessions have registrations.
		const demo = deleteSession(db.sql, { eventId: '00000000-0000-4000-8000-000000002019', sessionId: DEMO_SESSION_IDS[1] as string }, ORGANIZER);
		await expect(demo).rejects.toMatchObject({ reason: 'has-registrations' });
		await expect(demo).rejects.toThrow(/deelnemers aangemeld/);

		// Another event's session is not found through this event.
		await expect(deleteSession(db.sql, { eventId, sessionId: DEMO_SESSION_IDS[0] as string }, ORGANIZER)).rejects.toMatchObject({ reason: 'not-found' });
		expect(await db.sql`select 1 from public.event_sessions where id in ${db.sql([sessionId, ...DEMO_SESSION_IDS])}`).toHaveLength(3);
	});
});

describe('join codes', () => {
	it('keeps the code a session has, and draws again when a code is taken', async () => {
		const { sessionIds } = await createEvent(db.sql);
		const sessionId = sessionIds[0] as string;
		// ZVRT26 belongs to the first demo session.
		const draws = ['ZVRT26', 'ABC234'];
		const first = await ensureLiveSession(db.sql, sessionId, () => draws.shift() ?? 'XYZ789');
		expect(first).toEqual({ joinCode: 'ABC234' });
		expect(await ensureLiveSession(db.sql, sessionId)).toEqual({ joinCode: 'ABC234' });
		const [demo] = await db.sql`select join_code from public.live_sessions where session_id = ${DEMO_SESSION_IDS[0] as string}`;
		expect(demo?.join_code).toBe('ZVRT26');
	});
});

describe('design techniques', () => {
	it('lists built-in templates first, and skips (and logs) a row whose layout does not parse', async () => {
		await db.sql`insert into public.canvas_templates (slug, name, layout) values ('kapot', 'Kapot', '{"prompt": ""}')`;
		const warnings: Record<string, unknown>[] = [];
		const templates = await listTemplates(db.sql, { warn: (details) => warnings.push(details) });
		expect(templates.slice(0, 5).every((template) => template.builtIn)).toBe(true);
		expect(templates.map((template) => template.slug)).not.toContain('kapot');
		expect(warnings).toEqual([expect.objectContaining({ slug: 'kapot' })]);
		await db.sql`delete from public.canvas_templates where slug = 'kapot'`;
	});

	it('adds an organizer’s technique with a unique slug, refuses a name twice, and deletes only its own', async () => {
		const layout = { prompt: 'Hoe kunnen wij …?', columns: [{ heading: 'Vraag', hint: '' }], votesPerPerson: null };
		const own = await createTemplate(db.sql, { name: 'Ontwerpvraag', description: 'Eigen variant', layout }, ORGANIZER);
		// `ontwerpvraag` is the slug of a built-in one.
		expect(own.slug).toBe('ontwerpvraag-2');
		expect(await templateById(db.sql, own.id)).toEqual(own);
		await expect(createTemplate(db.sql, { name: 'ONTWERPVRAAG', description: '', layout }, ORGANIZER)).rejects.toBeInstanceOf(TemplateChangeRefused);

		// An agenda item that uses it loses only the technique when it is deleted.
		const { eventId, sessionIds } = await createEvent(db.sql);
		await saveSession(
			db.sql,
			{ eventId, sessionId: sessionIds[0] as string },
			sessionInput([agendaItem('13:30', '14:00', 'Met eigen werkvorm', { templateId: own.id })]),
			ORGANIZER
		);
		expect(await deleteTemplate(db.sql, own.id, ORGANIZER)).toEqual({ name: 'Ontwerpvraag', agendaItems: 1 });
		const [item] = await db.sql`select template_id from public.agenda_items where session_id = ${sessionIds[0] as string}`;
		expect(item?.template_id).toBeNull();

		const builtIn = await templateIdBySlug('dot-voting');
		await expect(deleteTemplate(db.sql, builtIn, ORGANIZER)).rejects.toMatchObject({ reason: 'built-in' });
		expect(await templateById(db.sql, builtIn)).not.toBeNull();
	});
});
