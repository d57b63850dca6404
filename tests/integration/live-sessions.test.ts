import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { serverMessageSchema, type SessionView } from '../../src/lib/live/session-view';
import { createStaffSession } from '../../src/lib/server/auth/staff-sessions';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { UpgradeRoutes } from '../../src/lib/server/http/upgrade-routes';
import { CommandRefused } from '../../src/lib/server/live/facilitator-commands';
import { ensureLiveSession } from '../../src/lib/server/live/join-code';
import { LiveSessions } from '../../src/lib/server/live/live-sessions';
import {
	castVote,
	ParticipantActionRefused,
	saveTakeaway,
	setReady,
	sharedTakeaways,
	stopSharingTakeaway
} from '../../src/lib/server/live/participant-actions';
import { substituteParticipant } from '../../src/lib/server/registrations/lifecycle';
import { anonymiseRegistration, exportPersonalData } from '../../src/lib/server/registrations/privacy';
import { joinAsWalkIn, joinWithRegistration, JoinRefused, resolveParticipant } from '../../src/lib/server/live/participants';
import { createSessionChannel, SESSION_SOCKET_PREFIX } from '../../src/lib/server/live/session-channel';
import { grantCanvasAccess } from '../../src/lib/server/realtime/canvas-access';
import { CanvasRooms } from '../../src/lib/server/realtime/canvas-rooms';
import { defaultLimits } from '../../src/lib/server/realtime/limits';
import { prepareCanvasDocument } from '../../src/lib/server/realtime/prepare-canvas';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

const EVENT = '00000000-0000-4000-8000-000000002019';

let db: TestDatabase;
let rooms: CanvasRooms;
let live: LiveSessions;
let server: Server;
let channel: ReturnType<typeof createSessionChannel>;
let port = 0;

beforeAll(async () => {
	db = await createMigratedDatabase();
	await seedOnce(db.sql, silentLog);
	rooms = new CanvasRooms({ sql: db.sql, log: silentLog, limits: defaultLimits, prepare: prepareCanvasDocument, stillAllowed: async () => true });
	live = new LiveSessions(db.sql, rooms, silentLog);
	channel = createSessionChannel({ sql: db.sql, live, log: silentLog });
	const routes = new UpgradeRoutes();
	routes.add(SESSION_SOCKET_PREFIX, channel.handleUpgrade);
	server = createServer((_, response) => response.writeHead(404).end());
	server.on('upgrade', (request, socket, head) => routes.dispatchOrReject(request, socket, head));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
	channel.close();
	live.close();
	await rooms.close();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await db.drop();
});

/** A fresh session of the demo event with three items (10, 20 and 5 minutes), walk-ins allowed. */
async function newSession(): Promise<{ sessionId: string; items: string[] }> {
	const [session] = await db.sql<{ id: string }[]>`
		insert into public.event_sessions (event_id, position, title, starts_at, ends_at)
		values (${EVENT}, (select max(position) + 1 from public.event_sessions where event_id = ${EVENT}), 'Testsessie',
			'2026-12-01 13:00 Europe/Amsterdam', '2026-12-01 14:00 Europe/Amsterdam')
		returning id
	`;
	const items = await db.sql<{ id: string }[]>`
		insert into public.agenda_items (session_id, position, starts_at, ends_at, kind, title, silent_writing)
		values
			(${session!.id}, 1, '2026-12-01 13:00 Europe/Amsterdam', '2026-12-01 13:10 Europe/Amsterdam', 'plenary', 'Welkom', false),
			(${session!.id}, 2, '2026-12-01 13:10 Europe/Amsterdam', '2026-12-01 13:30 Europe/Amsterdam', 'breakout', 'Brainwriting', true),
			(${session!.id}, 3, '2026-12-01 13:30 Europe/Amsterdam', '2026-12-01 13:35 Europe/Amsterdam', 'plenary', 'Afsluiting', false)
		returning id
	`;
	await ensureLiveSession(db.sql, session!.id);
	await db.sql`update public.live_sessions set walk_ins_allowed = true where session_id = ${session!.id}`;
	return { sessionId: session!.id, items: items.map((item) => item.id) };
}

async function view(sessionId: string): Promise<SessionView> {
	return (await live.read(sessionId, null))!.view;
}

describe('the facilitator runs the agenda', () => {
	it('starts at the first item with its planned timebox, moves, pauses, resumes and extends', async () => {
		const { sessionId, items } = await newSession();
		await expect(live.command(sessionId, { opdracht: 'volgende' })).rejects.toThrow(CommandRefused);

		const before = Date.now();
		await live.command(sessionId, { opdracht: 'start' });
		let state = await view(sessionId);
		expect(state.status).toBe('running');
		expect(state.currentItemId).toBe(items[0]);
		const left = Date.parse(state.deadline!) - before;
		expect(left).toBeGreaterThan(10 * 60_000 - 2_000);
		expect(left).toBeLessThanOrEqual(10 * 60_000 + 2_000);

		await live.command(sessionId, { opdracht: 'volgende' });
		state = await view(sessionId);
		expect(state.currentItemId).toBe(items[1]);
		expect(state.silent).toEqual({ round: expect.any(String), revealed: false });

		await live.command(sessionId, { opdracht: 'pauze' });
		state = await view(sessionId);
		expect(state.status).toBe('paused');
		expect(state.deadline).toBeNull();
		const paused = state.remainingMs!;
		expect(paused).toBeGreaterThan(19 * 60_000);

		await live.command(sessionId, { opdracht: 'verleng', minuten: 5 });
		expect((await view(sessionId)).remainingMs).toBe(paused + 5 * 60_000);

		await live.command(sessionId, { opdracht: 'hervat' });
		state = await view(sessionId);
		expect(state.status).toBe('running');
		expect(Date.parse(state.deadline!) - Date.now()).toBeGreaterThan(paused + 5 * 60_000 - 2_000);

		await live.command(sessionId, { opdracht: 'onthullen' });
		expect((await view(sessionId)).silent?.revealed).toBe(true);

		await live.command(sessionId, { opdracht: 'vorige' });
		await expect(live.command(sessionId, { opdracht: 'vorige' })).rejects.toThrow('Dit is het eerste onderdeel.');

		// The agenda as it ran: three runs, only the last one still open.
		const runs = await db.sql<{ item_id: string; ended_at: Date | null }[]>`
			select item_id, ended_at from public.agenda_item_runs where session_id = ${sessionId} order by started_at
		`;
		expect(runs.map((run) => run.item_id)).toEqual([items[0], items[1], items[0]]);
		expect(runs.filter((run) => run.ended_at === null)).toHaveLength(1);
	});

	it('moves one step per press when two facilitators press "volgende" at once', async () => {
		const { sessionId, items } = await newSession();
		await live.command(sessionId, { opdracht: 'start' });
		await Promise.all([live.command(sessionId, { opdracht: 'volgende' }), live.command(sessionId, { opdracht: 'volgende' })]);
		expect((await view(sessionId)).currentItemId).toBe(items[2]);
		const [{ open }] = await db.sql<[{ open: number }]>`
			select count(*)::int as open from public.agenda_item_runs where session_id = ${sessionId} and ended_at is null
		`;
		expect(open).toBe(1);
	});

	it('ends the session: canvases read-only, a snapshot per theme kept with the session', async () => {
		const { sessionId } = await newSession();
		await live.command(sessionId, { opdracht: 'start' });
		await live.command(sessionId, { opdracht: 'afsluiten' });
		const state = await view(sessionId);
		expect(state.status).toBe('ended');
		expect(state.themes.map((theme) => theme.lock)).toEqual(['read-only', 'read-only', 'read-only']);
		const [{ snapshots }] = await db.sql<[{ snapshots: number }]>`
			select count(*)::int as snapshots from public.canvas_session_snapshots where session_id = ${sessionId}
		`;
		expect(snapshots).toBe(3);
		await db.sql`update public.canvases set lock = 'open'`;
		for (const theme of state.themes) await rooms.setLock(theme.canvasId, "open");
	});

	it('spreads colleagues when assigning groups, and moves individuals', async () => {
		const { sessionId } = await newSession();
		for (const [naam, organisatie] of [
			['Anna', 'Gemeente Utrecht'],
			['Bob', 'Gemeente Utrecht'],
			['Cas', 'Gemeente Utrecht'],
			['Dewi', 'Provincie Utrecht'],
			['Eva', 'Gemeente Zandvoort'],
			['Finn', 'Gemeente Zandvoort']
		] as const) {
			await joinAsWalkIn(db.sql, sessionId, { naam, organisatie });
		}
		await live.command(sessionId, { opdracht: 'verdeel' });
		let state = await view(sessionId);
		expect(state.unassigned).toHaveLength(0);
		for (const theme of state.themes) {
			expect(theme.members).toHaveLength(2);
			expect(theme.members.filter((member) => member.organisation === 'Gemeente Utrecht')).toHaveLength(1);
		}
		const anna = state.themes.flatMap((theme) => theme.members).find((member) => member.name === 'Anna')!;
		await live.command(sessionId, { opdracht: 'verplaats', deelnemer: anna.id, thema: 3 });
		state = await view(sessionId);
		expect(state.themes[2]!.members.map((member) => member.name)).toContain('Anna');
	});
});

describe('participants', () => {
	it('join with their personal link when confirmed and registered for the session, not otherwise', async () => {
		const [anouk] = await db.sql<{ access_token: string }[]>`select access_token from public.registrations where email = 'anouk.devries@example.nl'`;
		const [bram] = await db.sql<{ access_token: string }[]>`select access_token from public.registrations where email = 'bram.deboer@example.nl'`;
		const first = await joinWithRegistration(db.sql, '00000000-0000-4000-8000-000000000201', anouk!.access_token);
		const again = await joinWithRegistration(db.sql, '00000000-0000-4000-8000-000000000201', anouk!.access_token);
		expect(again.participantId).toBe(first.participantId);
		expect(again.deviceToken).not.toBe(first.deviceToken);
		// Bram is on the waiting list.
		await expect(joinWithRegistration(db.sql, '00000000-0000-4000-8000-000000000201', bram!.access_token)).rejects.toThrow(JoinRefused);
		// A session of the event Anouk did not register for (a new one) refuses her link.
		const { sessionId } = await newSession();
		await expect(joinWithRegistration(db.sql, sessionId, anouk!.access_token)).rejects.toThrow('Je bent niet voor deze sessie aangemeld.');
	});

	it('lose their name, take-away and devices in a session when their registration is anonymised', async () => {
		const [pieter] = await db.sql<{ id: string; access_token: string }[]>`
			select id, access_token from public.registrations where email = 'pieter.bakker@example.nl'
		`;
		const session = '00000000-0000-4000-8000-000000000202';
		const joined = await joinWithRegistration(db.sql, session, pieter!.access_token);
		await saveTakeaway(db.sql, session, joined.participantId, 'Pieter neemt de subsidiewijzer mee', true);
		expect((await view(session)).takeaways.map((takeaway) => takeaway.name)).toContain('Pieter Bakker');
		const copy = await exportPersonalData(db.sql, pieter!.id);
		expect(copy!.liveSessions).toEqual([
			expect.objectContaining({ session: 'Ontwerpsessie 2', name: 'Pieter Bakker', takeaway: 'Pieter neemt de subsidiewijzer mee', takeawayShared: true })
		]);
		await anonymiseRegistration(db.sql, pieter!.id, 'test');
		const state = await view(session);
		expect(state.takeaways.some((takeaway) => takeaway.text.includes('Pieter'))).toBe(false);
		expect(JSON.stringify(state)).not.toContain('Pieter');
		expect(await resolveParticipant(db.sql, joined.deviceToken)).toBeNull();
	});

	it('leave nothing personal behind when they hand their place to a colleague, who joins as someone new', async () => {
		const { sessionId } = await newSession();
		const [noor] = await db.sql<{ id: string; access_token: string }[]>`
			select id, access_token from public.registrations where email = 'noor.hendriks@example.nl'
		`;
		await db.sql`insert into public.registration_sessions (registration_id, session_id) values (${noor!.id}, ${sessionId})`;
		await live.command(sessionId, { opdracht: 'start' });
		const left = await joinWithRegistration(db.sql, sessionId, noor!.access_token);
		await saveTakeaway(db.sql, sessionId, left.participantId, 'Noor neemt het verhaal van Ede mee', true);
		await setReady(db.sql, sessionId, left.participantId, true);
		expect((await view(sessionId)).ready).toEqual({ count: 1, total: 1 });

		// At the break Noor hands her place to Olaf, who joins with his own new link.
		const { accessToken } = await substituteParticipant(
			db.sql,
			noor!.id,
			{ name: 'Olaf Opvolger', email: 'olaf.opvolger@example.nl', jobTitle: 'Adviseur' },
			{ actor: 'test', origin: 'http://localhost' }
		);
		const joined = await joinWithRegistration(db.sql, sessionId, accessToken);
		expect(joined.participantId).not.toBe(left.participantId);

		// Noor has left the room: her device, name, take-away and "klaar" went with her; Olaf
		// starts afresh, and automatic groups are made without her.
		expect(await resolveParticipant(db.sql, left.deviceToken)).toBeNull();
		const state = await view(sessionId);
		expect(state.unassigned.map((participant) => participant.name)).toEqual(['Olaf Opvolger']);
		expect(state.ready).toEqual({ count: 0, total: 1 });
		expect(state.takeaways).toEqual([]);
		expect(JSON.stringify(state)).not.toContain('Noor');
		await live.command(sessionId, { opdracht: 'verdeel' });
		const grouped = await db.sql<{ id: string }[]>`select id from public.session_participants where session_id = ${sessionId} and theme_id is not null`;
		expect(grouped.map((row) => row.id)).toEqual([joined.participantId]);

		// Olaf's personal page, "niet meer delen" and data export hold nothing of Noor's.
		expect(await sharedTakeaways(db.sql, noor!.id)).toEqual([]);
		expect(await stopSharingTakeaway(db.sql, noor!.id, sessionId)).toBe(false);
		const copy = await exportPersonalData(db.sql, noor!.id);
		expect(copy!.liveSessions).toEqual([expect.objectContaining({ name: 'Olaf Opvolger', takeaway: null })]);
	});

	it('walk in only when the organizer allows it', async () => {
		const { sessionId } = await newSession();
		await live.command(sessionId, { opdracht: 'inlopers', toestaan: false });
		await expect(joinAsWalkIn(db.sql, sessionId, { naam: 'Gijs', organisatie: 'Gemeente Ede' })).rejects.toThrow(JoinRefused);
		const [{ count }] = await db.sql<[{ count: number }]>`select count(*)::int from public.session_participants where session_id = ${sessionId}`;
		expect(count).toBe(0);
	});

	it('count "ik ben klaar" for the current item only', async () => {
		const { sessionId } = await newSession();
		const a = await joinAsWalkIn(db.sql, sessionId, { naam: 'Anna', organisatie: 'Gemeente Ede' });
		await joinAsWalkIn(db.sql, sessionId, { naam: 'Bob', organisatie: 'Gemeente Ede' });
		await expect(setReady(db.sql, sessionId, a.participantId, true)).rejects.toThrow(ParticipantActionRefused);
		await live.command(sessionId, { opdracht: 'start' });
		await setReady(db.sql, sessionId, a.participantId, true);
		expect((await view(sessionId)).ready).toEqual({ count: 1, total: 2 });
		await live.command(sessionId, { opdracht: 'volgende' });
		expect((await view(sessionId)).ready).toEqual({ count: 0, total: 2 });
	});

	it('never get more votes than allowed, even clicking in parallel', async () => {
		const { sessionId } = await newSession();
		const a = await joinAsWalkIn(db.sql, sessionId, { naam: 'Anna', organisatie: 'Gemeente Ede' });
		await live.command(sessionId, { opdracht: 'verplaats', deelnemer: a.participantId, thema: 1 });
		await live.command(sessionId, { opdracht: 'start' });
		await expect(castVote(db.sql, sessionId, a.participantId, 'shape:idee', async () => true)).rejects.toThrow('Er wordt nu niet gestemd.');
		await live.command(sessionId, { opdracht: 'stemmen-open', stemmen: 3 });
		const outcomes = await Promise.allSettled(
			Array.from({ length: 6 }, () => castVote(db.sql, sessionId, a.participantId, 'shape:idee', async () => true))
		);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
		const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		expect(refused.every((outcome) => outcome.reason instanceof ParticipantActionRefused)).toBe(true);
		await expect(castVote(db.sql, sessionId, a.participantId, 'shape:ander', async () => true)).rejects.toThrow('Je hebt al je 3 stemmen gebruikt');
		await expect(castVote(db.sql, sessionId, a.participantId, 'shape:weg', async () => false)).rejects.toThrow('Deze notitie staat niet (meer) op je canvas.');
		const state = await live.read(sessionId, a.participantId);
		expect(state!.you!.votesLeft).toBe(0);
		expect(state!.view.voting!.results).toEqual([{ themePosition: 1, noteId: 'shape:idee', text: '(notitie verwijderd)', count: 3 }]);
	});

	it('edit only their own theme canvas, and look at the others', async () => {
		const { sessionId } = await newSession();
		const a = await joinAsWalkIn(db.sql, sessionId, { naam: 'Anna', organisatie: 'Gemeente Ede' });
		await live.command(sessionId, { opdracht: 'verplaats', deelnemer: a.participantId, thema: 2 });
		const themes = (await view(sessionId)).themes;
		const own = await grantCanvasAccess(db.sql, themes[1]!.canvasId, { kind: 'participant', id: a.participantId }, false);
		const other = await grantCanvasAccess(db.sql, themes[0]!.canvasId, { kind: 'participant', id: a.participantId }, false);
		expect(own).toEqual({ ok: true, role: 'editor', subject: `participant:${a.participantId}` });
		expect(other).toEqual({ ok: true, role: 'viewer', subject: `participant:${a.participantId}` });
	});
});

describe('the session channel', () => {
	function open(sessionId: string, cookie: string, origin = `http://127.0.0.1:${port}`) {
		const messages: unknown[] = [];
		const ws = new WebSocket(`ws://127.0.0.1:${port}${SESSION_SOCKET_PREFIX}${sessionId}`, { headers: { cookie, origin } });
		ws.on('message', (data) => messages.push(JSON.parse(String(data))));
		const opened = new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('unexpected-response', (_, response) => reject(new Error(`HTTP ${response.statusCode}`)));
			ws.once('error', reject);
		});
		const closed = new Promise<{ code: number }>((resolve) => ws.once('close', (code) => resolve({ code })));
		return { ws, messages, opened, closed };
	}

	async function until<T>(find: () => T | undefined, what: string): Promise<T> {
		const deadline = Date.now() + 5_000;
		for (;;) {
			const found = find();
			if (found !== undefined) return found;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	const states = (messages: unknown[]) =>
		messages.map((message) => serverMessageSchema.parse(message)).filter((message) => message.type === 'state');

	it('gives a late joiner the current item and timer at once, and every change after', async () => {
		const { sessionId, items } = await newSession();
		await live.command(sessionId, { opdracht: 'start' });
		const joined = await joinAsWalkIn(db.sql, sessionId, { naam: 'Laat', organisatie: 'Gemeente Ede' });
		const socket = open(sessionId, `os_deelnemer=${joined.deviceToken}`);
		await socket.opened;
		const first = await until(() => states(socket.messages)[0], 'the first state');
		expect(first.view.currentItemId).toBe(items[0]);
		expect(first.view.deadline).not.toBeNull();
		expect(first.you?.name).toBe('Laat');

		await live.command(sessionId, { opdracht: 'volgende' });
		await until(() => states(socket.messages).find((message) => message.view.currentItemId === items[1]), 'the next item');

		socket.ws.send(JSON.stringify({ type: 'ping', id: 1, sent: 123 }));
		const pong = await until(
			() => socket.messages.map((message) => serverMessageSchema.parse(message)).find((message) => message.type === 'pong'),
			'a pong'
		);
		expect(pong).toMatchObject({ id: 1, sent: 123 });
		socket.ws.close();
	});

	it('closes on anything but a ping: a participant cannot steer the session with crafted messages', async () => {
		const { sessionId, items } = await newSession();
		await live.command(sessionId, { opdracht: 'start' });
		const joined = await joinAsWalkIn(db.sql, sessionId, { naam: 'Slim', organisatie: 'Gemeente Ede' });
		for (const crafted of [
			{ type: 'command', opdracht: 'volgende' },
			{ opdracht: 'pauze' },
			{ type: 'ping', id: 1, sent: 1, opdracht: 'slot' },
			'niet eens json'
		]) {
			const socket = open(sessionId, `os_deelnemer=${joined.deviceToken}`);
			await socket.opened;
			socket.ws.send(typeof crafted === 'string' ? crafted : JSON.stringify(crafted));
			expect((await socket.closed).code).toBe(1008);
		}
		const state = await view(sessionId);
		expect(state.currentItemId).toBe(items[0]);
		expect(state.status).toBe('running');
	});

	it('ends the channel of someone whose place changes hands, at the session’s next change', async () => {
		const { sessionId, items } = await newSession();
		const [lotte] = await db.sql<{ id: string; access_token: string }[]>`
			select id, access_token from public.registrations where email = 'lotte.visser@example.nl'
		`;
		await db.sql`insert into public.registration_sessions (registration_id, session_id) values (${lotte!.id}, ${sessionId})`;
		const leaving = await joinWithRegistration(db.sql, sessionId, lotte!.access_token);
		const staying = await joinAsWalkIn(db.sql, sessionId, { naam: 'Blijft', organisatie: 'Gemeente Ede' });
		const gone = open(sessionId, `os_deelnemer=${leaving.deviceToken}`);
		const here = open(sessionId, `os_deelnemer=${staying.deviceToken}`);
		await Promise.all([gone.opened, here.opened]);
		await until(() => states(gone.messages)[0], 'the first state');

		await substituteParticipant(
			db.sql,
			lotte!.id,
			{ name: 'Collega Visser', email: 'collega.visser@example.nl', jobTitle: 'Adviseur' },
			{ actor: 'test', origin: 'http://localhost' }
		);
		await live.command(sessionId, { opdracht: 'start' });
		const ended = await Promise.race([gone.closed, new Promise<{ code: number }>((resolve) => setTimeout(() => resolve({ code: 0 }), 5_000))]);
		expect(ended.code).toBe(4403);
		expect(states(gone.messages).some((message) => message.view.currentItemId === items[0])).toBe(false);
		await until(() => states(here.messages).find((message) => message.view.currentItemId === items[0]), 'the start, for who stays');
		here.ws.close();
	});

	it('refuses strangers, other sessions and other sites at the door', async () => {
		const { sessionId } = await newSession();
		const other = await newSession();
		const joined = await joinAsWalkIn(db.sql, other.sessionId, { naam: 'Elders', organisatie: 'Gemeente Ede' });
		await expect(open(sessionId, '').opened).rejects.toThrow('HTTP 401');
		await expect(open(sessionId, `os_deelnemer=${joined.deviceToken}`).opened).rejects.toThrow('HTTP 403');
		await expect(open(other.sessionId, `os_deelnemer=${joined.deviceToken}`, 'https://kwaadwillend.example').opened).rejects.toThrow('HTTP 403');
		const staff = await createStaffSession(db.sql, 'facilitator@ontwerpsessies.test');
		const console = open(sessionId, `os_staff=${staff.token}`);
		await console.opened;
		const first = await until(() => states(console.messages)[0], 'state for staff');
		expect(first.you).toBeNull();
		console.ws.close();
	});
});
