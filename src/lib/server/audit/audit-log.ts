import type { Sql } from '../db/database';

/** Who did something: a staff member's e-mail, the participant through their link, or the app itself. */
export type AuditActor = string | 'deelnemer' | 'systeem';

export interface AuditEntry {
	actor: AuditActor;
	/** A short machine name, e.g. `registration.cancelled`; the desk translates it. */
	action: string;
	eventId?: string | null;
	registrationId?: string | null;
	/** What changed: field names with old and new values where that helps, never more personal data than needed. */
	details?: Record<string, unknown>;
}

/** Writes one line to the audit log, inside the caller's transaction so it is there exactly when the change is. */
export async function recordAudit(tx: Sql, entry: AuditEntry): Promise<void> {
	await tx`
		insert into public.audit_log (actor, action, event_id, registration_id, details)
		values (
			${entry.actor}, ${entry.action}, ${entry.eventId ?? null}, ${entry.registrationId ?? null},
			${tx.json((entry.details ?? {}) as Parameters<Sql['json']>[0])}
		)
	`;
}
