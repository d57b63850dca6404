import type { Sql } from '../db/database';
import type { Logger } from '../log';
import { emailDelivery } from './delivery';
import { sendOrderNumberReminders, sendPaymentReminders } from './reminders';

const HOUR = 60 * 60 * 1000;

/**
 * Sends due reminders — payment reminders for overdue invoices, and requests for a purchase
 * order number that is still to follow — shortly after start-up and then every hour. Each kind
 * remembers when it last went out, so running it often (or on several instances) sends nothing twice.
 */
export function startReminderSweep(sql: Sql, log: Logger, origin: string, everyMs = HOUR): { stop(): void } {
	const sweep = async () => {
		try {
			const payments = await sendPaymentReminders(sql, { actor: 'systeem', delivery: emailDelivery });
			const orderNumbers = await sendOrderNumberReminders(sql, { origin });
			if (payments + orderNumbers > 0) log.info({ payments, orderNumbers }, 'queued invoice reminders');
		} catch (error) {
			log.error({ err: error }, 'reminder sweep failed; trying again later');
		}
	};
	const first = setTimeout(sweep, 45_000);
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
