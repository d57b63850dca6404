import type { Programme } from '$lib/events/schema';
import type { Sql } from '../db/database';
import { findProgrammeById } from '../events/programme';
import type { RegistrationMailContext } from '../mail/templates/registration-mails';
import { personalUrl } from './access-token';
import { waitlistPositionSql } from './seats';

/**
 * Everything a mail about one registration needs, read inside the transaction that changes it,
 * so the mail tells exactly what was committed.
 */
export async function registrationMailContext(
	tx: Sql,
	registrationId: string,
	origin: string,
	/** The event's programme when the caller has it already (a sign-up of many, under the event lock). */
	knownProgramme?: Programme
): Promise<RegistrationMailContext> {
	const [row] = await tx<
		{
			id: string;
			event_id: string;
			name: string;
			email: string;
			organisation_name: string;
			status: 'confirmed' | 'waitlisted' | 'cancelled';
			billing_email: string;
			purchase_order: string | null;
			billing_reference: string | null;
			access_token: string;
			session_ids: string[];
			waitlist_position: number | null;
		}[]
	>`
		select r.id, r.event_id, r.name, r.email, r.organisation_name, r.status, r.billing_email,
			r.purchase_order, r.billing_reference, r.access_token,
			coalesce((select array_agg(rs.session_id order by s.position)
				from public.registration_sessions rs join public.event_sessions s on s.id = rs.session_id
				where rs.registration_id = r.id), '{}') as session_ids,
			case when r.status = 'waitlisted' then ${tx.unsafe(waitlistPositionSql('r'))} end as waitlist_position
		from public.registrations r
		where r.id = ${registrationId}
	`;
	if (!row) throw new Error(`registration ${registrationId} not found`);
	const programme = knownProgramme?.id === row.event_id ? knownProgramme : await findProgrammeById(tx, row.event_id);
	if (!programme) throw new Error(`event ${row.event_id} of registration ${registrationId} not found`);
	return {
		programme,
		registration: {
			id: row.id,
			name: row.name,
			email: row.email,
			organisationName: row.organisation_name,
			status: row.status,
			sessionIds: row.session_ids,
			billingEmail: row.billing_email,
			purchaseOrder: row.purchase_order,
			billingReference: row.billing_reference
		},
		personalUrl: personalUrl(origin, row.access_token),
		waitlistPosition: row.waitlist_position
	};
}
