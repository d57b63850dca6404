import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { deleteExpiredDevices } from '../live/participants';
import { anonymiseExpired, anonymiseExpiredWalkIns } from './privacy';

const HOUR = 60 * 60 * 1000;

/**
 * Anonymises personal data whose retention period (events.retention_days after the last
 * session) has passed — registrations and walk-ins of live sessions — and forgets expired live
 * session devices: once shortly after start-up, then every hour. Idempotent and safe with
 * several app instances (each person is anonymised once, in their own transaction).
 */
export function startRetentionSweep(sql: Sql, log: Logger, everyMs = HOUR): { stop(): void } {
	// Each step on its own: one that keeps failing must not hold up the others.
	const step = async (what: string, run: () => Promise<number>) => {
		try {
			const count = await run();
			if (count > 0) log.info({ count }, what);
		} catch (error) {
			log.error({ err: error, step: what }, 'retention sweep step failed; trying again later');
		}
	};
	const sweep = async () => {
		const now = new Date();
		await step('anonymised registrations past their retention period', () => anonymiseExpired(sql, now));
		await step('anonymised walk-ins past their retention period', () => anonymiseExpiredWalkIns(sql, now));
		await step('forgot expired live-session devices', () => deleteExpiredDevices(sql));
	};
	const first = setTimeout(sweep, 30_000);
	const timer = setInterval(sweep, everyMs);
	first.unref();
	timer.unref();
	return {
		stop() {
			clearTimeout(first);
			clearInterval(timer);
		}
	};
}
