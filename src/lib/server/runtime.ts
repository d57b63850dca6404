import { ensureConfiguredOrganizers } from './auth/staff';
import { config, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { UpgradeRoutes } from './http/upgrade-routes';
import { createLogger, type Logger } from './log';
import { createSmtpTransport } from './mail/transport';
import { startMailWorker, type MailWorker } from './mail/worker';
import { stillAllowedInCanvas } from './realtime/canvas-access';
import { CANVAS_SOCKET_PREFIX, createCanvasEndpoint } from './realtime/canvas-endpoint';
import { CanvasRooms } from './realtime/canvas-rooms';
import { defaultLimits } from './realtime/limits';
import { prepareCanvasDocument } from './realtime/prepare-canvas';
import { startRetentionSweep } from './registrations/retention-sweep';
import { startReminderSweep } from './invoicing/reminder-sweep';
import { LiveSessions } from './live/live-sessions';
import { Reports } from './reports/reports';
import { createSessionChannel, SESSION_SOCKET_PREFIX } from './live/session-channel';
import { demoGuide } from './live/demo-guide';

/** Everything one app process holds for its whole life: configuration, logger, database, websocket routes. */
export interface Runtime {
	readonly config: Config;
	readonly log: Logger;
	readonly db: Database;
	readonly upgrades: UpgradeRoutes;
	/** The live canvases loaded in this process. */
	readonly canvases: CanvasRooms;
	/** The live sessions (facilitator console, rooms, big screens) of this process. */
	readonly live: LiveSessions;
	/** Session reports: drafts from the data and canvas pictures. */
	readonly reports: Reports;
	/** Where to go to try a live session: lines to print after start-up, only in the embedded demo. */
	demoGuide(origin: string): Promise<string[]>;
	/** Closes sockets, stores every canvas, then closes the database (and stops the embedded server). Safe to call more than once. */
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
	if (appConfig.roomTokenSecretIsRandom && !appConfig.embeddedDatabase) {
		log.warn('ROOM_TOKEN_SECRET is not set: room tokens use a random key of this process only');
	}

	await ensureConfiguredOrganizers(db.sql, appConfig.ORGANIZER_EMAILS, log);

	// Mail leaves through SMTP when it is configured; otherwise it stays in the outbox, where
	// organizers read it in the app (/beheer/e-mail).
	let mailWorker: MailWorker | undefined;
	const transport = appConfig.SMTP_URL ? createSmtpTransport(appConfig.SMTP_URL, appConfig.MAIL_FROM) : undefined;
	if (transport) {
		mailWorker = startMailWorker({
			sql: db.sql,
			log: log.child({ component: 'mail' }),
			transport,
			// The transaction pooler cannot LISTEN; polling alone then delivers.
			listen: !appConfig.transactionPooler
		});
	} else {
		log.info('SMTP_URL is not set: mail stays in the outbox (readable at /beheer/e-mail)');
	}
	const retention = startRetentionSweep(db.sql, log.child({ component: 'retention' }));
	const reminders = startReminderSweep(db.sql, log.child({ component: 'reminders' }), appConfig.publicOrigin);

	const canvases = new CanvasRooms({
		sql: db.sql,
		log,
		limits: defaultLimits,
		prepare: prepareCanvasDocument,
		stillAllowed: (claims, canvasId) => stillAllowedInCanvas(db.sql, claims, canvasId, appConfig.CANVAS_OPEN_ACCESS)
	});
	const canvasEndpoint = createCanvasEndpoint({
		rooms: canvases,
		secret: appConfig.ROOM_TOKEN_SECRET,
		limits: defaultLimits,
		log
	});
	const upgrades = new UpgradeRoutes();
	upgrades.add(CANVAS_SOCKET_PREFIX, canvasEndpoint.handleUpgrade);
	const live = new LiveSessions(db.sql, canvases, log.child({ component: 'live' }));
	const sessionChannel = createSessionChannel({ sql: db.sql, live, log });
	upgrades.add(SESSION_SOCKET_PREFIX, sessionChannel.handleUpgrade);

	const stop = async () => {
		// Sockets first, so every canvas is stored and compacted while the database is still there.
		live.close();
		sessionChannel.close();
		await canvasEndpoint.close();
		retention.stop();
		reminders.stop();
		await mailWorker?.stop();
		transport?.close();
		await db.close();
		log.info('database closed');
	};
	let stopping: Promise<void> | undefined;
	return {
		config: appConfig,
		log,
		db,
		upgrades,
		canvases,
		live,
		reports: new Reports(db.sql, canvases),
		demoGuide: (origin) =>
			appConfig.embeddedDatabase && appConfig.SEED_DEMO_DATA ? demoGuide(db.sql, origin).catch(() => []) : Promise.resolve([]),
		stop: () => (stopping ??= stop())
	};
}
