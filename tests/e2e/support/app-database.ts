import { readFileSync } from 'node:fs';
import postgres from 'postgres';

// Where playwright.config.ts keeps the embedded PostgreSQL of the app under test.
const DATA_DIR = 'tests/.artifacts/e2e-postgres';

/**
 * A connection to the app's own database, for the few journeys that need data no screen makes
 * (an event of their own, a snapshot of an earlier session): port from PostgreSQL's pid file,
 * password from the file beside the cluster.
 */
export function appDatabase() {
	const port = Number(readFileSync(`${DATA_DIR}/postmaster.pid`, 'utf8').split('\n')[3]);
	const { user, password } = JSON.parse(readFileSync(`${DATA_DIR}.credentials.json`, 'utf8')) as { user: string; password: string };
	return postgres({ host: '127.0.0.1', port, user, password, database: 'postgres', max: 1, onnotice: () => {} });
}
