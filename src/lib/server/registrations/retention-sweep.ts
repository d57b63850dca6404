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
	const sweep = async () => {
		try {
			const now = new Date();
			const count = await anonymiseExpired(sql, now);
			if (count > 0) log.info({ count }, 'anonymised registrations past their retention period');
			const walkIns = await anonymiseExpiredWalkIns(sql, now);
			if (walkIns > 0) log.info({ count: walkIns }, 'anonymised walk-ins past their retention period');
			const devices = await deleteExpiredDevices(sql);
			if (devices > 0) log.info({ count: devices }, 'forgot expired live-session devices');
		} catch (error) {
			log.error({ err: error }, 'retention sweep failed; trying again later');
		}
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
