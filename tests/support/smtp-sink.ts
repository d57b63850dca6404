/**
 * A real SMTP server on the loopback interface for tests: it accepts whatever is sent to it
 * (no authentication, no TLS), parses each message and keeps it in memory. It can be told to
 * refuse mail with a reply of our choice, to test retries.
 *
 * Only erasable TypeScript and no `$lib` imports: Node 24 runs this file directly (see
 * tests/e2e/support/mail-sink-server.ts).
 */
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedAttachment {
	filename: string;
	contentType: string;
	content: Buffer;
}

export interface ReceivedMail {
	/** Envelope recipients (RCPT TO). */
	to: string[];
	/** The From header as written, e.g. `Ontwerpsessies <noreply@example.nl>`. */
	from: string;
	subject: string;
	text: string;
	html: string | null;
	attachments: ReceivedAttachment[];
	/** Header names in lower case, each with its (last) unfolded value. */
	headers: Record<string, string>;
}

/** A reply to refuse mail with, e.g. `{ code: 451, message: 'Probeer het later opnieuw' }`. */
export interface SmtpRejection {
	code: number;
	message: string;
}

export interface SmtpSinkOptions {
	/** 0 or absent: any free port. */
	port?: number;
	/** Asked for every message; a rejection refuses it (at MAIL FROM), null accepts it. */
	rejectWith?: () => SmtpRejection | null;
	/** Called with every accepted message. */
	onMail?: (mail: ReceivedMail) => void;
}

export interface SmtpSink {
	port: number;
	/** `smtp://127.0.0.1:<port>` */
	url: string;
	/** Every accepted message, oldest first. */
	messages: ReceivedMail[];
	/** The first message (received or still to come) that matches; rejects after `timeoutMs`. */
	waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
	close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
	const messages: ReceivedMail[] = [];
	const waiters = new Set<(mail: ReceivedMail) => void>();

	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		banner: 'Ontwerpsessies test sink',
		closeTimeout: 1_000,
		onMailFrom(_address, _session, callback) {
			const rejection = options.rejectWith?.() ?? null;
			if (rejection) callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
			else callback();
		},
		onData(stream: Readable, session: SMTPServerSession, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const mail: ReceivedMail = {
						to: session.envelope.rcptTo.map((address) => address.address),
						from: addressText(parsed.from),
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : null,
						attachments: parsed.attachments.map((attachment) => ({
							filename: attachment.filename ?? '',
							contentType: attachment.contentType,
							content: attachment.content
						})),
						headers: Object.fromEntries(
							parsed.headerLines.map((line) => [line.key, line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim()])
						)
					};
					messages.push(mail);
					options.onMail?.(mail);
					for (const waiter of waiters) waiter(mail);
					callback();
				})
				.catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.server.off('error', reject);
			resolve();
		});
	});
	// Errors of single connections (a client hanging up) must not end the test run.
	server.on('error', () => {});
	const address: AddressInfo | string | null = server.server.address();
	if (address === null || typeof address === 'string') throw new Error('the SMTP sink has no TCP address');
	const port = address.port;

	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		messages,
		waitFor(predicate, timeoutMs = 5_000) {
			const found = messages.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const waiter = (mail: ReceivedMail) => {
					if (!predicate(mail)) return;
					clearTimeout(timer);
					waiters.delete(waiter);
					resolve(mail);
				};
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
				}, timeoutMs);
				waiters.add(waiter);
			});
		},
		close() {
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
	if (!address) return '';
	return Array.isArray(address) ? address.map((entry) => entry.text).join(', ') : address.text;
}
