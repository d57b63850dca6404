import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A received mail as mail-sink-server.ts writes it to disk, one JSON file per mail. */
export interface StoredMail {
	to: string[];
	from: string;
	subject: string;
	text: string;
	html: string | null;
	attachments: { filename: string; contentType: string; base64: string }[];
}

/**
 * The first mail in `dir` (written by mail-sink-server.ts) that matches, oldest first; waits
 * for it to arrive, up to `timeoutMs`. Mail goes out through the outbox worker, so it comes a
 * moment after the action that caused it.
 */
export async function waitForMail(
	dir: string,
	predicate: (mail: StoredMail) => boolean,
	timeoutMs = 15_000
): Promise<StoredMail> {
	const deadline = Date.now() + timeoutMs;
	let seen = 0;
	for (;;) {
		const mails = await readMailbox(dir);
		const found = mails.find(predicate);
		if (found) return found;
		seen = mails.length;
		if (Date.now() >= deadline) {
			throw new Error(`no matching mail in ${dir} within ${timeoutMs} ms (${seen} mails there)`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Every mail in `dir`, oldest first. */
export async function readMailbox(dir: string): Promise<StoredMail[]> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return [];
	}
	const files = names.filter((name) => name.endsWith('.json')).sort(byArrival);
	return Promise.all(files.map(async (name) => parseStoredMail(await readFile(path.join(dir, name), 'utf8'))));
}

/** `<timestamp>-<n>.json`: by number, which the sink counts up in order of arrival. */
function byArrival(a: string, b: string): number {
	return sequence(a) - sequence(b);
}

function sequence(name: string): number {
	return Number(/-(\d+)\.json$/.exec(name)?.[1] ?? 0);
}

function parseStoredMail(json: string): StoredMail {
	const value: unknown = JSON.parse(json);
	if (!isStoredMail(value)) throw new Error('not a mail written by mail-sink-server.ts');
	return value;
}

function isStoredMail(value: unknown): value is StoredMail {
	if (typeof value !== 'object' || value === null) return false;
	const mail: Record<string, unknown> = { ...value };
	return (
		Array.isArray(mail.to) &&
		typeof mail.from === 'string' &&
		typeof mail.subject === 'string' &&
		typeof mail.text === 'string' &&
		(mail.html === null || typeof mail.html === 'string') &&
		Array.isArray(mail.attachments)
	);
}
