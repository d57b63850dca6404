import type { SignUpInput } from '../../../src/lib/registrations/sign-up-schema';
import type { Sql } from '../../../src/lib/server/db/database';

/** The demo event and its sessions (supabase/seed.sql). */
export const DEMO_EVENT_ID = '00000000-0000-4000-8000-000000002019';
export const DEMO_SESSION_IDS = ['00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000000202'];
export const ORIGIN = 'http://ontwerpsessies.test';

/** A valid sign-up of one participant of a gemeente, with parts overridable. */
export function signUpInput(
	participant: Partial<SignUpInput['participants'][number]> & { email: string },
	overrides: Partial<Omit<SignUpInput, 'participants'>> = {}
): SignUpInput {
	return {
		organisation: { kind: 'listed', code: 'GM0473' },
		hasInnovationScheme: 'ja',
		participants: [
			{
				name: 'Test Deelnemer',
				jobTitle: 'Beleidsadviseur',
				sessionIds: DEMO_SESSION_IDS,
				participantListConsent: false,
				...participant
			}
		],
		invoice: {
			billingName: 'Gemeente Zandvoort',
			billingStreet: 'Postbus 2',
			billingPostcode: '2040 AA',
			billingCity: 'Zandvoort',
			billingEmail: 'facturen@zandvoort.example',
			purchaseOrderPending: false
		},
		privacyConsent: true,
		...overrides
	};
}

/** A published event of its own with two sessions, so a test can set capacity freely. */
export async function createEvent(
	sql: Sql,
	settings: { capacity?: number | null; organisationCap?: number | null; organisationCapUntil?: Date | null } = {}
): Promise<{ eventId: string; sessionIds: string[] }> {
	const [event] = await sql<{ id: string }[]>`
		insert into public.events (slug, status, published_at, title, fee_cents, capacity, organisation_cap, organisation_cap_until)
		values (
			${`test-${Math.random().toString(36).slice(2, 10)}`}, 'published', now(), 'Testevenement', 79500,
			${settings.capacity ?? null}, ${settings.organisationCap ?? null}, ${settings.organisationCapUntil ?? null}
		)
		returning id
	`;
	if (!event) throw new Error('event not created');
	const sessions = await sql<{ id: string }[]>`
		insert into public.event_sessions (event_id, position, title, starts_at, ends_at)
		values
			(${event.id}, 1, 'Sessie 1', '2027-03-04 13:30 Europe/Amsterdam', '2027-03-04 17:00 Europe/Amsterdam'),
			(${event.id}, 2, 'Sessie 2', '2027-04-08 13:30 Europe/Amsterdam', '2027-04-08 16:45 Europe/Amsterdam')
		returning id
	`;
	return { eventId: event.id, sessionIds: sessions.map((session) => session.id) };
}

export async function statusCounts(sql: Sql, eventId: string): Promise<Record<string, number>> {
	const rows = await sql<{ status: string; count: number }[]>`
		select status, count(*)::int as count from public.registrations where event_id = ${eventId} group by status
	`;
	return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}
