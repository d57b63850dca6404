import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freeLoopbackPort } from '../../../src/lib/server/db/embedded-postgres';

/** Where Debian's `postgresql-<major>` package puts its server binaries. */
export function debianPostgresBin(major: number): string | null {
	const dir = `/usr/lib/postgresql/${major}/bin`;
	return existsSync(path.join(dir, 'postgres')) ? dir : null;
}

export interface TemporaryCluster {
	url: string;
	stop(): Promise<void>;
}

/**
 * A throw-away cluster from a system PostgreSQL installation (trust auth, loopback only, no
 * Unix socket), for checking the migrations against another major version. As root it runs
 * the server as the `postgres` system user the Debian package creates.
 */
export async function startTemporaryCluster(binDir: string): Promise<TemporaryCluster> {
	const dataParent = await mkdtemp(path.join(tmpdir(), 'ontwerpsessies-pg-'));
	await chmod(dataParent, 0o755);
	const dataDir = path.join(dataParent, 'data');
	const ids = runAsIds();
	if (ids) await chown(dataParent, ids.uid, ids.gid);

	execFileSync(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale'], {
		stdio: 'pipe',
		...ids
	});
	const port = await freeLoopbackPort();
	const server: ChildProcess = spawn(
		path.join(binDir, 'postgres'),
		['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
		{ stdio: 'pipe', ...ids }
	);
	let output = '';
	server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	await waitUntilReady(url, () => output);
	return {
		url,
		async stop() {
			server.kill('SIGINT');
			await exited;
			await rm(dataParent, { recursive: true, force: true });
		}
	};
}

function runAsIds(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

async function waitUntilReady(url: string, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
		try {
			await sql`select 1`;
			return;
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${String(error)}\n${log()}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		} finally {
			await sql.end({ timeout: 1 });
		}
	}
}
