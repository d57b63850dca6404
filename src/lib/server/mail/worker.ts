import { z } from 'zod';
import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { OUTBOX_CHANNEL } from './outbox';
import type { MailTransport, OutboxMail } from './transport';

/** Mail whose body is a secret (a sign-in code): kept only until it is sent. */
const SECRET_KIND = 'staff-sign-in-code';

export interface MailWorkerOptions {
	sql: Sql;
	log: Logger;
	/** Owned by the caller: `stop()` does not close it. */
	transport: MailTransport;
	/** How often to look for due mail when no NOTIFY arrives. Polling alone must be enough. */
	pollIntervalMs?: number;
	/** How many mails one round claims. */
	batchSize?: number;
	/** After this many failed attempts a mail is marked `failed` and left alone. */
	maxAttempts?: number;
	/** Wait after the n-th failed attempt (n ≥ 1) before the next one. */
	retryDelayMs?: (attempt: number) => number;
	/**
	 * How long a claimed batch is reserved for this worker. Must be longer than sending a batch
	 * can take; a worker that dies leaves its mail to be retried after this time.
	 */
	claimTimeoutMs?: number;
	/**
	 * Whether to LISTEN for new mail. Turn it off where the database is reached through a
	 * transaction pooler (Supabase's port 6543), where LISTEN does not work.
	 */
	listen?: boolean;
}

export interface MailWorker {
	/** Resolves once the worker listens (or gave up listening) and has made its first round. */
	readonly ready: Promise<void>;
	/** Claims and sends one batch of due mail now; resolves with the number delivered. Never rejects. */
	runOnce(): Promise<number>;
	/** Stops after the mail being sent right now; hands the rest of its batch back to the outbox. */
	stop(): Promise<void>;
}

/** 30 s, 1 min, 2 min, 4 min … at most an hour. */
export function defaultRetryDelayMs(attempt: number): number {
	return Math.min(30_000 * 2 ** Math.max(attempt - 1, 0), 3_600_000);
}

const attachmentSchema = z.object({
	filename: z.string(),
	contentType: z.string(),
	content: z.string(),
	encoding: z.literal('base64').optional()
});

const claimedRowSchema = z.object({
	// bigint: postgres.js returns it as a string.
	id: z.union([z.string(), z.number()]).transform(Number),
	kind: z.string(),
	recipient: z.string(),
	subject: z.string(),
	text_body: z.string(),
	html_body: z.string().nullable(),
	attachments: z.unknown(),
	registration_id: z.string().nullable(),
	attempts: z.number().int(),
	created_at: z.date()
});

type ClaimedRow = z.infer<typeof claimedRowSchema>;

/** The longest a timer can wait in Node; longer delays would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Sends the mail in `public.outbox`, in the background of the app process.
 *
 * Delivery is "at least once". A round claims due rows in one short statement with
 * `for update skip locked` — so several workers, in one process or in several app instances,
 * never claim the same row — and moves their `next_attempt_at` `claimTimeoutMs` ahead and counts
 * the attempt. Only then, outside any transaction, does it talk to the SMTP server, and afterwards
 * it marks each row sent or schedules a retry. If the process dies between sending and marking,
 * the row becomes due again when the claim runs out and the mail goes out a second time (with the
 * same Message-ID); the alternative, holding a row lock through the SMTP conversation, would tie a
 * database connection to a slow mail server and lose nothing less on a crash. Counting the attempt
 * at claim time means a mail that crashes the process every time still ends up `failed`.
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
	const { sql, log, transport } = options;
	const pollIntervalMs = Math.min(options.pollIntervalMs ?? 5_000, MAX_TIMER_MS);
	const batchSize = options.batchSize ?? 10;
	const maxAttempts = options.maxAttempts ?? 8;
	const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
	const claimTimeoutMs = options.claimTimeoutMs ?? 15 * 60_000;

	let stopped = false;
	let stopping: Promise<void> | undefined;
	let wakeSleeper: (() => void) | undefined;
	let wakeRequested = false;
	// Rounds of this worker run one after another, whoever asks for them.
	let queue: Promise<unknown> = Promise.resolve();

	function wake() {
		wakeRequested = true;
		wakeSleeper?.();
	}

	function serial<T>(task: () => Promise<T>): Promise<T> {
		const run = queue.then(task);
		queue = run.catch(() => {});
		return run;
	}

	async function round(): Promise<{ claimed: number; sent: number }> {
		if (stopped) return { claimed: 0, sent: 0 };
		let rows: ClaimedRow[];
		try {
			rows = await claim();
		} catch (error) {
			log.error({ err: error }, 'mail outbox: could not claim mail');
			return { claimed: 0, sent: 0 };
		}
		let sent = 0;
		for (const [index, row] of rows.entries()) {
			if (stopped) {
				await release(rows.slice(index));
				break;
			}
			if (await deliver(row)) sent += 1;
		}
		return { claimed: rows.length, sent };
	}

	async function claim(): Promise<ClaimedRow[]> {
		const rows = await sql`
			with due as (
				select id from public.outbox
				where status = 'pending' and next_attempt_at <= now()
				order by next_attempt_at, id
				limit ${batchSize}
				for update skip locked
			)
			update public.outbox o
			set attempts = o.attempts + 1,
				next_attempt_at = now() + ${claimTimeoutMs}::double precision * interval '1 millisecond'
			from due
			where o.id = due.id
			returning o.id, o.kind, o.recipient, o.subject, o.text_body, o.html_body, o.attachments,
				o.registration_id, o.attempts, o.created_at
		`;
		return z
			.array(claimedRowSchema)
			.parse(rows)
			.sort((a, b) => a.id - b.id);
	}

	/** Sends one claimed mail and records the outcome; true when it was delivered. */
	async function deliver(row: ClaimedRow): Promise<boolean> {
		const attachments = z.array(attachmentSchema).safeParse(row.attachments);
		if (!attachments.success) {
			// Retrying cannot repair a malformed row.
			await recordFailure(row, 'attachments in the outbox row are not valid', true);
			return false;
		}
		const mail: OutboxMail = {
			id: row.id,
			createdAt: row.created_at,
			kind: row.kind,
			to: row.recipient,
			subject: row.subject,
			text: row.text_body,
			...(row.html_body !== null ? { html: row.html_body } : {}),
			attachments: attachments.data,
			...(row.registration_id !== null ? { registrationId: row.registration_id } : {})
		};
		try {
			await transport.send(mail);
		} catch (error) {
			await recordFailure(row, shortError(error), false);
			return false;
		}
		try {
			await sql`
				update public.outbox
				set status = 'sent', sent_at = now(), last_error = null,
					-- A sign-in code is a secret: once it has left, the outbox keeps no copy of it.
					text_body = case when kind = ${SECRET_KIND} then '' else text_body end,
					html_body = case when kind = ${SECRET_KIND} then null else html_body end
				where id = ${row.id} and status = 'pending'
			`;
			log.info({ outboxId: row.id, kind: row.kind, attempt: row.attempts }, 'mail sent');
		} catch (error) {
			// Delivered but not recorded: it goes out again when the claim runs out (at least once).
			log.error({ err: error, outboxId: row.id }, 'mail outbox: sent, but could not mark the mail as sent');
		}
		return true;
	}

	async function recordFailure(row: ClaimedRow, message: string, permanent: boolean): Promise<void> {
		const failed = permanent || row.attempts >= maxAttempts;
		const delayMs = failed ? 0 : Math.max(0, retryDelayMs(row.attempts));
		try {
			await sql`
				update public.outbox
				set status = ${failed ? 'failed' : 'pending'},
					last_error = ${message},
					next_attempt_at = now() + ${delayMs}::double precision * interval '1 millisecond'
				where id = ${row.id} and status = 'pending'
			`;
		} catch (error) {
			log.error({ err: error, outboxId: row.id }, 'mail outbox: could not record a failed attempt');
		}
		// Logs outlive anonymising: the SMTP reply goes there without the addresses it may quote.
		const details = { outboxId: row.id, kind: row.kind, attempt: row.attempts, error: withoutAddresses(message) };
		if (failed) log.error(details, 'mail failed for good');
		else log.warn({ ...details, retryInMs: delayMs }, 'mail not sent, will retry');
	}

	/** Hands claimed but unsent mail back, due now and without the attempt it never had. */
	async function release(rows: ClaimedRow[]): Promise<void> {
		if (rows.length === 0) return;
		try {
			await sql`
				update public.outbox
				set attempts = greatest(attempts - 1, 0), next_attempt_at = now()
				where id in ${sql(rows.map((row) => row.id))} and status = 'pending'
			`;
		} catch (error) {
			log.warn({ err: error, count: rows.length }, 'mail outbox: could not hand back claimed mail; it is retried later');
		}
	}

	function sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				wakeSleeper = undefined;
				resolve();
			};
			const timer = setTimeout(done, ms);
			wakeSleeper = done;
		});
	}

	const listening =
		options.listen === false
			? Promise.resolve(undefined)
			: sql
					// Called again after every reconnect: look for mail notified while the connection was down.
					.listen(OUTBOX_CHANNEL, wake, wake)
					.catch((error: unknown) => {
						log.warn({ err: error }, 'mail outbox: LISTEN failed, falling back to polling only');
						return undefined;
					});

	let markReady: () => void = () => {};
	const ready = new Promise<void>((resolve) => (markReady = resolve));

	const loop = (async () => {
		await listening;
		while (!stopped) {
			wakeRequested = false;
			const { claimed } = await serial(round);
			markReady();
			if (stopped) break;
			// A full batch means more may be due; a NOTIFY during the round means new mail.
			if (claimed >= batchSize || wakeRequested) continue;
			await sleep(pollIntervalMs);
		}
		markReady();
	})();

	return {
		ready,
		async runOnce() {
			const { sent } = await serial(round);
			return sent;
		},
		stop() {
			stopping ??= (async () => {
				stopped = true;
				wakeSleeper?.();
				await loop;
				await queue;
				const listener = await listening;
				await listener?.unlisten().catch(() => {});
			})();
			return stopping;
		}
	};
}

/** An SMTP reply with every e-mail address in it replaced, for the logs. */
export function withoutAddresses(text: string): string {
	return text.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<adres>');
}

/** A one-line reason for `last_error`: the SMTP reply or error code, never a stack or credentials. */
function shortError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const line = message.replace(/\s+/g, ' ').trim() || 'unknown error';
	return line.slice(0, 300);
}
