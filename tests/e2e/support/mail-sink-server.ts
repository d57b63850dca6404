/**
 * The mail sink for browser journeys, as its own process:
 *
 *     node tests/e2e/support/mail-sink-server.ts <port> <dir>
 *
 * Empties (or creates) <dir>, accepts SMTP on 127.0.0.1:<port> and writes every mail to
 * `<dir>/<timestamp>-<n>.json` (see StoredMail) until SIGTERM or SIGINT. The app under test gets
 * `SMTP_URL=smtp://127.0.0.1:<port>`; the journeys read the files with waitForMail (mailbox.ts).
 * Plain Node 24 runs this file: erasable TypeScript only, `.ts` in relative imports.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReceivedMail, startSmtpSink as StartSmtpSink } from '../../support/smtp-sink.ts';
import type { StoredMail } from './mailbox.ts';

// Node needs the `.ts` in a value import; the project's type check does not allow it there
// (no allowImportingTsExtensions), so the sink is loaded by URL and typed through `import type`.
const { startSmtpSink }: { startSmtpSink: typeof StartSmtpSink } = await import(
	new URL('../../support/smtp-sink.ts', import.meta.url).href
);

const [portArgument, dirArgument] = process.argv.slice(2);
const port = Number(portArgument);
if (!dirArgument || !Number.isInteger(port) || port < 1 || port > 65_535) {
	console.error('Gebruik: node tests/e2e/support/mail-sink-server.ts <poort> <map>');
	process.exit(2);
}
const dir = dirArgument;

await mkdir(dir, { recursive: true });
for (const entry of await readdir(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });

let count = 0;
// Writes one after another, so the numbering follows the order of arrival.
let writing: Promise<void> = Promise.resolve();

function store(mail: ReceivedMail): void {
	count += 1;
	const name = `${Date.now()}-${String(count).padStart(4, '0')}.json`;
	const stored: StoredMail = {
		to: mail.to,
		from: mail.from,
		subject: mail.subject,
		text: mail.text,
		html: mail.html,
		attachments: mail.attachments.map((attachment) => ({
			filename: attachment.filename,
			contentType: attachment.contentType,
			base64: attachment.content.toString('base64')
		}))
	};
	// Written under another name first and renamed, so a reader never sees half a file.
	const temporary = path.join(dir, `.${name}.tmp`);
	writing = writing
		.then(() => writeFile(temporary, JSON.stringify(stored, null, 2)))
		.then(() => rename(temporary, path.join(dir, name)))
		.catch((error: unknown) => console.error(`mail-sink: could not store ${name}: ${String(error)}`));
}

const sink = await startSmtpSink({ port, onMail: store });
console.log(`mail-sink: listening on ${sink.url}, writing to ${path.resolve(dir)}`);

async function shutDown(): Promise<void> {
	await sink.close();
	await writing;
	process.exit(0);
}
process.once('SIGTERM', () => void shutDown());
process.once('SIGINT', () => void shutDown());
