import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { anonymiseExpired } from './privacy';

const HOUR = 60 * 60 * 1000;

/**
 * Anonymises personal data whose retention period (events.retention_days after the last
 * session) has passed: once shortly after start-up, then every hour. Idempotent and safe with
 * several app instances (each registration is anonymised once, in its own transaction).
 */
export function startRetentionSweep(sql: Sql, log: Logger, everyMs = HOUR): { stop(): void } {
	const sweep = async () => {
		try {
			const count = await anonymiseExpired(sql, new Date());
			if (count > 0) log.info({ count }, 'anonymised registrations past their retention period');
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
