import type { AgendaItem, EventSession, Programme } from '$lib/events/schema';
import type { RegistrationMailContext } from './templates/registration-mails';

// Small factories for the mail tests: a programme shaped like the 2019 one, with one session in
// summer time (CEST, UTC+2) and one in winter time (CET, UTC+1), and a registration for it.

export const SESSION_1_ID = '00000000-0000-4000-8000-000000000001';
export const SESSION_2_ID = '00000000-0000-4000-8000-000000000002';

/** An agenda item starting at `startsAt` (an ISO time with offset) and lasting `minutes`. */
export function agendaItem(position: number, startsAt: string, minutes: number, title: string): AgendaItem {
	const start = new Date(startsAt);
	return {
		id: `00000000-0000-4000-8000-0000000001${String(position).padStart(2, '0')}`,
		position,
		startsAt: start,
		endsAt: new Date(start.getTime() + minutes * 60_000),
		title,
		kind: 'plenary'
	};
}

export function testSession(overrides: Partial<EventSession> = {}): EventSession {
	return {
		id: SESSION_1_ID,
		position: 1,
		title: 'Sessie 1',
		// Thursday 26 September 2019, 13:30–17:00 in Amsterdam (CEST).
		startsAt: new Date('2019-09-26T13:30:00+02:00'),
		endsAt: new Date('2019-09-26T17:00:00+02:00'),
		venueName: 'Plastic Soep Pop-up atelier',
		venueAddress: 'Passage 20',
		venueCity: 'Zandvoort',
		agenda: [
			agendaItem(1, '2019-09-26T13:30:00+02:00', 15, 'Welkom'),
			agendaItem(2, '2019-09-26T13:45:00+02:00', 195, 'Ontwerpen')
		],
		...overrides
	};
}

export function testProgramme(overrides: Partial<Programme> = {}): Programme {
	return {
		id: '00000000-0000-4000-8000-0000000000e1',
		slug: 'ontwerpsessies-2019',
		title: 'Community of practice: ontwerpsessies 2019',
		seriesTitle: 'Innovatiesubsidies Sociaal Domein',
		introduction: '',
		approach: '',
		audience: '',
		feeCents: 79_500,
		vatRateBp: 2_100,
		fee: { vatMode: 'standard', exemptionText: null, furtherParticipantDiscountCents: 0, freeCancellationUntil: null, cancellationFeeCents: null },
		contactName: 'Martijn Arnoldus',
		contactPhone: '+31 85 0185 071',
		contactEmail: 'martijn@example.nl',
		partnerName: null,
		partnerDescription: null,
		publicationNote: null,
		themes: [],
		sessions: [
			testSession(),
			testSession({
				id: SESSION_2_ID,
				position: 2,
				title: 'Sessie 2',
				// Thursday 5 December 2019, 13:30–16:45 in Amsterdam (CET).
				startsAt: new Date('2019-12-05T13:30:00+01:00'),
				endsAt: new Date('2019-12-05T16:45:00+01:00'),
				venueName: null,
				venueAddress: null,
				venueCity: null,
				agenda: [agendaItem(3, '2019-12-05T13:30:00+01:00', 195, 'Terugblik en vervolg')]
			})
		],
		...overrides
	};
}

export function testMailContext(
	overrides: {
		programme?: Programme;
		registration?: Partial<RegistrationMailContext['registration']>;
		personalUrl?: string;
		waitlistPosition?: number | null;
	} = {}
): RegistrationMailContext {
	return {
		programme: overrides.programme ?? testProgramme(),
		registration: {
			id: '00000000-0000-4000-8000-0000000000a1',
			name: 'Fatima el Amrani',
			email: 'fatima@gemeente.example',
			organisationName: 'Gemeente Utrecht',
			status: 'confirmed',
			sessionIds: [SESSION_1_ID, SESSION_2_ID],
			billingEmail: 'facturen@gemeente.example',
			purchaseOrder: null,
			billingReference: null,
			...overrides.registration
		},
		personalUrl: overrides.personalUrl ?? 'https://ontwerpsessies.example/aanmelding/persoonlijk-geheim-123',
		waitlistPosition: overrides.waitlistPosition ?? null
	};
}
