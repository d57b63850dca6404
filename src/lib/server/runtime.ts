import { config, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { UpgradeRoutes } from './http/upgrade-routes';
import { createLogger, type Logger } from './log';

/** Everything one app process holds for its whole life: configuration, logger, database, websocket routes. */
export interface Runtime {
	readonly config: Config;
	readonly log: Logger;
	readonly db: Database;
	readonly upgrades: UpgradeRoutes;
	/** Closes the database (and stops the embedded server). Safe to call more than once. */
	stop(): Promise<void>;
}

// Kept on globalThis on purpose: the production entry (server.js), SvelteKit's hooks and the Vite
// dev plugin may each load this module through a different loader, and a dev-time reload of this
// file must not start a second embedded PostgreSQL. This is process state, never request state.
const KEY = Symbol.for('ontwerpsessies.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

/** Starts the process's runtime once; every later call returns the same one. */
export function startRuntime(): Promise<Runtime> {
	const holder = globalThis as Holder;
	holder[KEY] ??= createRuntime().catch((error: unknown) => {
		delete holder[KEY];
		throw error;
	});
	return holder[KEY];
}

async function createRuntime(): Promise<Runtime> {
	const appConfig = config();
	const log = createLogger(appConfig.LOG_LEVEL);
	const db = await openDatabase(appConfig, log);
	log.info({ database: db.location }, 'database ready');
	let stopping: Promise<void> | undefined;
	return {
		config: appConfig,
		log,
		db,
		upgrades: new UpgradeRoutes(),
		stop: () => (stopping ??= db.close().then(() => log.info('database closed'))),
	};
}
