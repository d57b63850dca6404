import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout, one object a line, so that any log collector can read them.
 * Personal data (names, e-mail addresses) never goes into a log line.
 */
export function createLogger(level: string): Logger {
	return pino({
		level,
		base: { app: 'ontwerpsessies' },
		timestamp: pino.stdTimeFunctions.isoTime,
		formatters: { level: (label) => ({ level: label }) }
	});
}
