import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { personalLinkMail } from '../mail/templates/registration-mails';
import { registrationMailContext } from './registration-mail';

/**
 * "Link kwijt?": mails the personal link again to the address it belongs to. The answer to the
 * person asking is the same whether or not the address is known, so nobody learns who signed
 * up; the link only ever goes to the participant's own inbox.
 */
export async function resendPersonalLink(sql: Sql, eventId: string, email: string, origin: string): Promise<void> {
	await sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		const [row] = await tx<{ id: string }[]>`
			select id from public.registrations
			where event_id = ${eventId} and status <> 'cancelled' and lower(email) = lower(${email})
		`;
		if (!row) return;
		// One resend per registration per ten minutes is plenty, and keeps the outbox from being
		// used to flood someone's inbox.
		const [recent] = await tx`
			select 1 from public.outbox
			where registration_id = ${row.id} and kind = 'registration-link' and created_at > now() - interval '10 minutes'
		`;
		if (recent) return;
		await enqueueMail(tx, personalLinkMail(await registrationMailContext(tx, row.id, origin)));
		await recordAudit(tx, { actor: 'deelnemer', action: 'registration.link-resent', eventId, registrationId: row.id });
	});
}
