import { createTransport } from 'nodemailer';
import type { MailMessage } from './outbox';

/** A mail as stored in the outbox: the message plus the row it came from. */
export interface OutboxMail extends MailMessage {
	id: number;
	createdAt: Date;
}

/** Delivers outbox mail. Sending may throw; the worker retries. */
export interface MailTransport {
	send(message: OutboxMail): Promise<void>;
	close(): void;
}

/** The header that names the outbox row a mail came from, for support and for tests. */
export const OUTBOX_ID_HEADER = 'X-Ontwerpsessies-Outbox-Id';

/** A failed delivery, with a message that is short and holds no credentials. */
export class MailSendError extends Error {
	override name = 'MailSendError';
	/** The SMTP reply code, when the server gave one (451, 550 …). */
	readonly responseCode: number | undefined;
	constructor(message: string, responseCode: number | undefined) {
		super(message);
		this.responseCode = responseCode;
	}
}

/**
 * Sends mail over SMTP(S) with nodemailer. `smtpUrl` is `smtp://` (STARTTLS when the server
 * offers it) or `smtps://`, with credentials in the URL as nodemailer reads them.
 */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
	const transporter = createTransport({
		url: smtpUrl,
		// Fail a dead server quickly, so one hanging connection does not hold up the outbox.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000,
		// Attachment content comes from the database: never let it name a file or URL to read.
		disableFileAccess: true,
		disableUrlAccess: true
	});
	const secrets = urlSecrets(smtpUrl);
	const domain = senderDomain(from);

	return {
		async send(message) {
			try {
				await transporter.sendMail({
					from,
					to: message.to,
					subject: message.subject,
					text: message.text,
					...(message.html ? { html: message.html } : {}),
					attachments: (message.attachments ?? []).map((attachment) => ({
						filename: attachment.filename,
						contentType: attachment.contentType,
						content: attachment.content,
						...(attachment.encoding ? { encoding: attachment.encoding } : {})
					})),
					// The same for every attempt at one row: when a crash makes the worker send a mail
					// again, the receiving side can recognise it as the same message.
					messageId: `<outbox-${message.id}-${message.createdAt.getTime()}@${domain}>`,
					headers: { [OUTBOX_ID_HEADER]: String(message.id) }
				});
			} catch (error) {
				throw toSendError(error, secrets);
			}
		},
		close() {
			transporter.close();
		}
	};
}

function toSendError(error: unknown, secrets: string[]): MailSendError {
	const details = error instanceof Error ? error : new Error(String(error));
	const responseCode = numberProperty(details, 'responseCode');
	const code = stringProperty(details, 'code');
	let message = [code, details.message].filter(Boolean).join(': ');
	for (const secret of secrets) message = message.replaceAll(secret, '***');
	return new MailSendError(message.slice(0, 500), responseCode);
}

/** User name and password of the URL, decoded and as written, to blank them out of error texts. */
function urlSecrets(smtpUrl: string): string[] {
	const url = URL.parse(smtpUrl);
	if (!url) return [];
	return [url.password, safeDecode(url.password), url.username, safeDecode(url.username)].filter(
		(value) => value.length >= 3
	);
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function senderDomain(from: string): string {
	const match = /@([^\s>]+)>?\s*$/.exec(from);
	return match?.[1] ?? 'ontwerpsessies.invalid';
}

function numberProperty(value: object, key: string): number | undefined {
	const property: unknown = Reflect.get(value, key);
	return typeof property === 'number' ? property : undefined;
}

function stringProperty(value: object, key: string): string | undefined {
	const property: unknown = Reflect.get(value, key);
	return typeof property === 'string' ? property : undefined;
}
