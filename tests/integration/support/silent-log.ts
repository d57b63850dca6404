import { pino } from 'pino';

/** A logger that writes nothing, for code under test that wants one. */
export const silentLog = pino({ level: 'silent' });
