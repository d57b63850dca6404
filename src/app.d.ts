import type { StaffSession } from '$lib/server/auth/staff-sessions';
import type { Config } from '$lib/server/config';
import type { LiveSessions } from '$lib/server/live/live-sessions';
import type { Reports } from '$lib/server/reports/reports';
import type { Logger } from '$lib/server/log';
import type { Sql } from '$lib/server/db/database';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Shown on the error page so that support can find the log line. */
			requestId?: string;
		}
		interface Locals {
			requestId: string;
			log: Logger;
			sql: Sql;
			config: Config;
			/** The live sessions of this process (state channel, facilitator commands). */
			live: LiveSessions;
			/** Session reports of this process (drafts, canvas pictures). */
			reports: Reports;
			/** The signed-in staff member (cookie `os_staff`), or null. */
			staff: StaffSession | null;
		}
	}
}

export {};
