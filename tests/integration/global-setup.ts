import { mkdtemp, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/lib/server/db/embedded-postgres';
import { debianPostgresBin, startTemporaryCluster, type TemporaryCluster } from './support/postgres-binaries';
import { silentLog } from './support/silent-log';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Superuser URL of the embedded PostgreSQL (18) cluster the integration tests share. */
		adminUrl: string;
		/** Superuser URL of a PostgreSQL 15 cluster, the oldest version Supabase runs. */
		pg15AdminUrl: string;
	}
}

/**
 * One embedded PostgreSQL cluster for all integration test files (each file makes its own
 * database in it) and one PostgreSQL 15 cluster from Debian's package, both removed afterwards.
 */
export default async function setup(project: TestProject) {
	const parent = await mkdtemp(path.join(tmpdir(), 'ontwerpsessies-test-'));
	// The server may run as the `postgres` system user, which must reach the data directory.
	await chmod(parent, 0o755);
	const embedded = await startEmbeddedPostgres(path.join(parent, 'postgres'), silentLog);
	project.provide('adminUrl', embedded.url);

	const pg15Bin = debianPostgresBin(15);
	if (!pg15Bin) {
		await embedded.stop();
		throw new Error(
			'PostgreSQL 15 ontbreekt (/usr/lib/postgresql/15/bin). Installeer het met `apt-get install postgresql` ' +
				'(Debian 12), of start de tests met `npm test`, dat het voor je installeert.'
		);
	}
	let pg15: TemporaryCluster;
	try {
		pg15 = await startTemporaryCluster(pg15Bin);
	} catch (error) {
		await embedded.stop();
		throw error;
	}
	project.provide('pg15AdminUrl', pg15.url);

	return async () => {
		await Promise.all([embedded.stop(), pg15.stop()]);
		await rm(parent, { recursive: true, force: true });
	};
}
