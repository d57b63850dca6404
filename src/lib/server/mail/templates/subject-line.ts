/** The outbox stores at most 300 characters of subject (see the `outbox` table). */
const MAX_SUBJECT_LENGTH = 300;

/**
 * A subject that fits a mail header and the outbox: one line, at most 300 characters. Event
 * titles and names come from people; a long one must shorten the subject, not make the
 * transaction that enqueues the mail fail.
 */
export function subjectLine(value: string): string {
	const line = value.replace(/\s+/g, ' ').trim();
	return line.length <= MAX_SUBJECT_LENGTH ? line : `${line.slice(0, MAX_SUBJECT_LENGTH - 1).trimEnd()}…`;
}
