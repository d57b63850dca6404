import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db/database';
import { calendarFile } from '../../src/lib/server/mail/calendar';
import { enqueueMail, type MailMessage } from '../../src/lib/server/mail/outbox';
import { SESSION_1_ID, SESSION_2_ID, testProgramme } from '../../src/lib/server/mail/test-factories';
import { readIcsEvents } from '../../src/lib/server/mail/test-ics-reader';
import {
	createSmtpTransport,
	OUTBOX_ID_HEADER,
	type MailTransport,
	type OutboxMail
} from '../../src/lib/server/mail/transport';
import { startMailWorker, type MailWorker, type MailWorkerOptions } from '../../src/lib/server/mail/worker';
import { startSmtpSink, type SmtpRejection, type SmtpSink } from '../support/smtp-sink';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

const FROM = 'Ontwerpsessies <noreply@ontwerpsessies.test>';

interface OutboxRow {
	id: string;
	status: string;
	attempts: number;
	last_error: string | null;
	sent_at: Date | null;
	due: boolean;
}

describe('the mail worker', () => {
	let db: TestDatabase;
	let sink: SmtpSink;
	// What the sink answers to MAIL FROM; null accepts. Tests switch it to simulate an outage.
	let rejection: SmtpRejection | null = null;
	const running: { worker: MailWorker; transport: MailTransport }[] = [];

	beforeAll(async () => {
		db = await createMigratedDatabase();
		sink = await startSmtpSink({ rejectWith: () => rejection });
	});

	afterEach(async () => {
		await Promise.all(running.map(({ worker }) => worker.stop()));
		for (const { transport } of running) transport.close();
		running.length = 0;
		rejection = null;
		sink.messages.length = 0;
		await db.sql`delete from public.outbox`;
	});

	afterAll(async () => {
		await sink.close();
		await db.drop();
	});

	/** A worker on the test database and sink; by default it only acts when the test calls runOnce. */
	async function worker(options: Partial<MailWorkerOptions> = {}, decorate = (t: MailTransport) => t) {
		const transport = decorate(createSmtpTransport(sink.url, FROM));
		const started = startMailWorker({
			sql: db.sql,
			log: silentLog,
			transport,
			pollIntervalMs: 60 * 60_000,
			listen: false,
			...options
		});
		running.push({ worker: started, transport });
		await started.ready;
		return started;
	}

	function mail(subject: string, extra: Partial<MailMessage> = {}): MailMessage {
		return { kind: 'test', to: 'deelnemer@gemeente.example', subject, text: `Tekst van ${subject}`, ...extra };
	}

	async function enqueue(...messages: MailMessage[]): Promise<number[]> {
		return db.sql.begin(async (tx) => {
			const ids: number[] = [];
			for (const message of messages) ids.push(await enqueueMail(tx as unknown as Sql, message));
			return ids;
		});
	}

	async function outboxRow(id: number): Promise<OutboxRow> {
		const [row] = await db.sql<OutboxRow[]>`
			select id, status, attempts, last_error, sent_at, next_attempt_at <= now() as due
			from public.outbox where id = ${id}
		`;
		if (!row) throw new Error(`outbox row ${id} is gone`);
		return row;
	}

	async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await read();
			if (done(value) || Date.now() > deadline) return value;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	it('sends nothing for a mail whose transaction rolled back', async () => {
		const sender = await worker();
		await expect(
			db.sql.begin(async (tx) => {
				await enqueueMail(tx as unknown as Sql, mail('Teruggedraaid'));
				throw new Error('rollback');
			})
		).rejects.toThrow('rollback');
		expect(await sender.runOnce()).toBe(0);
		expect(await db.sql`select id from public.outbox`).toHaveLength(0);
		expect(sink.messages).toHaveLength(0);
	});

	it('keeps no copy of a sign-in code once its mail has gone, and keeps other mail', async () => {
		const sender = await worker();
		const [codeMail, otherMail] = await enqueue(
			mail('Je inlogcode', { kind: 'staff-sign-in-code', text: 'Je code is 482913', html: '<p>482913</p>' }),
			mail('Bevestiging')
		);
		expect(await sender.runOnce()).toBe(2);
		expect(sink.messages.find((received) => received.subject === 'Je inlogcode')?.text).toContain('482913');
		const rows = await db.sql<{ id: string; text_body: string; html_body: string | null }[]>`
			select id, text_body, html_body from public.outbox where id in ${db.sql([codeMail ?? 0, otherMail ?? 0])} order by id
		`;
		expect(rows.map((row) => [row.text_body, row.html_body])).toEqual([
			['', null],
			['Tekst van Bevestiging', null]
		]);
	});

	it('delivers a committed mail once, with text, HTML and a readable calendar file', async () => {
		const sender = await worker();
		const ics = calendarFile(testProgramme(), [SESSION_1_ID, SESSION_2_ID], { uidDomain: 'ontwerpsessies.test' });
		const [id] = await enqueue(
			mail('Je aanmelding is bevestigd', { html: '<p>Bevestigd</p>', attachments: [ics], registrationId: undefined })
		);

		expect(await sender.runOnce()).toBe(1);
		expect(await sender.runOnce()).toBe(0);

		expect(sink.messages).toHaveLength(1);
		const [received] = sink.messages;
		expect(received?.to).toEqual(['deelnemer@gemeente.example']);
		expect(received?.from).toContain('noreply@ontwerpsessies.test');
		expect(received?.subject).toBe('Je aanmelding is bevestigd');
		expect(received?.text.trim()).toBe('Tekst van Je aanmelding is bevestigd');
		expect(received?.html).toContain('<p>Bevestigd</p>');
		expect(received?.headers[OUTBOX_ID_HEADER.toLowerCase()]).toBe(String(id));
		expect(received?.attachments).toHaveLength(1);
		const [attachment] = received?.attachments ?? [];
		expect(attachment?.filename).toBe('ontwerpsessies.ics');
		expect(attachment?.contentType).toBe('text/calendar');
		const events = readIcsEvents(attachment?.content.toString('utf8') ?? '');
		expect(events.map((event) => event.DTSTART)).toEqual(['20190926T113000Z', '20191205T123000Z']);

		const row = await outboxRow(id ?? 0);
		expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
		expect(row.sent_at).toBeInstanceOf(Date);
	});

	it('retries after a refusal, later, and delivers once the server takes mail again', async () => {
		const sender = await worker({ retryDelayMs: () => 300 });
		const [id = 0] = await enqueue(mail('Na een storing'));
		rejection = { code: 451, message: 'Tijdelijk niet beschikbaar' };

		expect(await sender.runOnce()).toBe(0);
		const failed = await outboxRow(id);
		expect(failed).toMatchObject({ status: 'pending', attempts: 1, due: false });
		expect(failed.last_error).toContain('451');
		expect(failed.last_error?.length).toBeLessThanOrEqual(300);
		// Not due yet: an immediate round leaves it alone.
		expect(await sender.runOnce()).toBe(0);
		expect((await outboxRow(id)).attempts).toBe(1);

		rejection = null;
		await eventually(() => outboxRow(id), (row) => row.due);
		expect(await sender.runOnce()).toBe(1);
		expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
		expect(sink.messages.map((message) => message.subject)).toEqual(['Na een storing']);
	});

	it('gives up after maxAttempts and marks the mail failed', async () => {
		const sender = await worker({ maxAttempts: 3, retryDelayMs: () => 0 });
		const [id = 0] = await enqueue(mail('Komt nooit aan'));
		rejection = { code: 550, message: 'Mailbox bestaat niet' };

		for (let attempt = 1; attempt <= 3; attempt++) {
			await eventually(() => outboxRow(id), (row) => row.due);
			expect(await sender.runOnce()).toBe(0);
		}
		const row = await outboxRow(id);
		expect(row).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
		expect(row.last_error).toContain('550');

		rejection = null;
		expect(await sender.runOnce()).toBe(0);
		expect(sink.messages).toHaveLength(0);
	});

	it('records an unreachable mail server as a failed attempt and keeps going', async () => {
		const transport = createSmtpTransport('smtp://127.0.0.1:1', FROM);
		const sender = startMailWorker({ sql: db.sql, log: silentLog, transport, pollIntervalMs: 60 * 60_000, listen: false });
		running.push({ worker: sender, transport });
		await sender.ready;
		const [id = 0] = await enqueue(mail('Geen server'));
		expect(await sender.runOnce()).toBe(0);
		const row = await outboxRow(id);
		expect(row).toMatchObject({ status: 'pending', attempts: 1, due: false });
		expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
	});

	it('keeps going when the database cannot be reached', async () => {
		const unreachable = connect('postgres://nobody@127.0.0.1:1/nothing', { max: 1 });
		try {
			const sender = await worker({ sql: unreachable });
			await expect(sender.runOnce()).resolves.toBe(0);
			await sender.stop();
		} finally {
			await unreachable.end({ timeout: 1 });
		}
	});

	it('waits for the mail in flight on stop, and hands the rest of its batch back', async () => {
		let sending: () => void = () => {};
		const firstSendStarted = new Promise<void>((resolve) => (sending = resolve));
		const slow = (inner: MailTransport): MailTransport => ({
			async send(message: OutboxMail) {
				sending();
				await new Promise((resolve) => setTimeout(resolve, 300));
				await inner.send(message);
			},
			close: () => inner.close()
		});
		const sender = await worker({ batchSize: 3 }, slow);
		const ids = await enqueue(mail('Eerste'), mail('Tweede'), mail('Derde'));

		const round = sender.runOnce();
		await firstSendStarted;
		await sender.stop();

		expect(await round).toBe(1);
		expect(sink.messages.map((message) => message.subject)).toEqual(['Eerste']);
		const rows = await Promise.all(ids.map(outboxRow));
		expect(rows.map((row) => row.status)).toEqual(['sent', 'pending', 'pending']);
		// Handed back: due now, and not counted as an attempt.
		expect(rows.slice(1).map((row) => [row.due, row.attempts])).toEqual([
			[true, 0],
			[true, 0]
		]);
	});

	it('delivers every mail exactly once with two workers on one outbox', async () => {
		// Two pools, like two app instances; a little latency per mail so their rounds overlap.
		const otherPool = connect(db.url, { max: 4 });
		try {
			const sentBy = [0, 0];
			const counted = (index: number) => (inner: MailTransport): MailTransport => ({
				async send(message: OutboxMail) {
					await new Promise((resolve) => setTimeout(resolve, 10));
					await inner.send(message);
					sentBy[index] = (sentBy[index] ?? 0) + 1;
				},
				close: () => inner.close()
			});
			const shared = { batchSize: 4, pollIntervalMs: 50, listen: true };
			await worker({ ...shared }, counted(0));
			await worker({ ...shared, sql: otherPool }, counted(1));

			const subjects = Array.from({ length: 30 }, (_, index) => `Mail ${index + 1}`);
			await enqueue(...subjects.map((subject) => mail(subject)));

			const sent = await eventually(
				() => db.sql<{ count: number }[]>`select count(*)::int as count from public.outbox where status = 'sent'`,
				([row]) => row?.count === 30
			);
			expect(sent[0]?.count).toBe(30);
			// Give a duplicate, if there were one, the time to arrive.
			await new Promise((resolve) => setTimeout(resolve, 300));

			expect(sink.messages).toHaveLength(30);
			expect(new Set(sink.messages.map((message) => message.subject))).toEqual(new Set(subjects));
			expect(new Set(sink.messages.map((message) => message.headers[OUTBOX_ID_HEADER.toLowerCase()])).size).toBe(30);
			expect(sentBy.every((count) => count > 0)).toBe(true);
			const [attempts] = await db.sql<{ max: number }[]>`select max(attempts)::int as max from public.outbox`;
			expect(attempts?.max).toBe(1);
		} finally {
			await Promise.all(running.map(({ worker }) => worker.stop()));
			await otherPool.end({ timeout: 5 });
		}
	});

	it('is woken by NOTIFY without waiting for its next poll', async () => {
		// An hour between polls: only the notification can bring the mail out within the test.
		await worker({ listen: true, pollIntervalMs: 60 * 60_000 });
		await enqueue(mail('Meteen verstuurd'));
		const received = await sink.waitFor((message) => message.subject === 'Meteen verstuurd', 10_000);
		expect(received.to).toEqual(['deelnemer@gemeente.example']);
	});
});
