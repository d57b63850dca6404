import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../outbox';
import { SESSION_1_ID, SESSION_2_ID, testMailContext, testProgramme } from '../test-factories';
import { readIcsEvents } from '../test-ics-reader';
import {
	cancelledMail,
	movedToWaitlistMail,
	personalLinkMail,
	promotedMail,
	signUpReceivedMail,
	substitutionMails,
	type RegistrationMailContext
} from './registration-mails';

const EVENT = 'Community of practice: ontwerpsessies 2019';
const PERSONAL_URL = 'https://ontwerpsessies.example/aanmelding/persoonlijk-geheim-123';

/** Intl writes a no-break space in `€ 795,00`; readers see a space. */
function plain(value: string | undefined): string {
	return (value ?? '').replaceAll('\u00a0', ' ');
}

function hrefs(html: string | undefined): string[] {
	return [...(html ?? '').matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
}

/** Every mail a participant gets about their own registration, for the properties they all share. */
const participantMails: [string, (ctx: RegistrationMailContext) => MailMessage][] = [
	['confirmed', (ctx) => signUpReceivedMail(ctx)],
	['waitlisted', (ctx) => signUpReceivedMail({ ...ctx, registration: { ...ctx.registration, status: 'waitlisted' } })],
	['promoted', promotedMail],
	['moved to the waiting list', movedToWaitlistMail],
	['cancelled', cancelledMail],
	['substitute', (ctx) => substitutionMails(ctx, { name: 'Jan de Vries', email: 'jan@gemeente.example' })[0]],
	['personal link', personalLinkMail]
];

describe('signUpReceivedMail, confirmed', () => {
	const mail = signUpReceivedMail(testMailContext({ registration: { purchaseOrder: 'PO-2019-17', billingReference: 'KP 4411' } }));

	it('confirms the place to the participant', () => {
		expect(mail.kind).toBe('registration-confirmed');
		expect(mail.to).toBe('fatima@gemeente.example');
		expect(mail.subject).toBe(`Je aanmelding voor ${EVENT} is bevestigd`);
		expect(mail.registrationId).toBe('00000000-0000-4000-8000-0000000000a1');
		expect(mail.text).toContain('Beste Fatima el Amrani,');
		expect(mail.text).toContain('Gemeente Utrecht');
	});

	it('shows the fee per participant excluding and including VAT', () => {
		for (const body of [plain(mail.text), plain(mail.html)]) {
			expect(body).toContain('€ 795,00');
			expect(body).toContain('€ 961,95');
			expect(body).toContain('21% btw');
		}
	});

	it('says where the invoice goes, with order number and reference', () => {
		expect(mail.text).toContain('facturen@gemeente.example');
		expect(mail.text).toContain('inkoopordernummer PO-2019-17');
		expect(mail.text).toContain('kenmerk KP 4411');
	});

	it('lists both sessions with date, times and venue', () => {
		expect(mail.text).toContain('donderdag 26 september 2019, 13:30–17:00 uur');
		expect(mail.text).toContain('Locatie: Plastic Soep Pop-up atelier, Passage 20, Zandvoort');
		expect(mail.text).toContain('donderdag 5 december 2019, 13:30–16:45 uur');
		expect(mail.text).toContain('Locatie volgt');
	});

	it('names the organizer to contact', () => {
		expect(mail.text).toContain('Martijn Arnoldus');
		expect(mail.text).toContain('martijn@example.nl');
		expect(mail.text).toContain('+31 85 0185 071');
	});

	it('carries the calendar file for the attended sessions', () => {
		expect(mail.attachments).toHaveLength(1);
		const [file] = mail.attachments ?? [];
		expect(file?.filename).toBe('ontwerpsessies.ics');
		expect(file?.contentType).toContain('text/calendar');
		const events = readIcsEvents(file?.content ?? '');
		expect(events.map((event) => event.DTSTART)).toEqual(['20190926T113000Z', '20191205T123000Z']);
		// The calendar entry may be seen by colleagues: it must not hold the personal link.
		expect(file?.content).not.toContain('persoonlijk-geheim');
	});

	it('asks for an order number when there is none, and only lists the attended session', () => {
		const oneSession = signUpReceivedMail(testMailContext({ registration: { sessionIds: [SESSION_2_ID] } }));
		expect(oneSession.text).toContain('inkoopordernummer of kenmerk');
		expect(oneSession.text).not.toContain('26 september');
		expect(readIcsEvents(oneSession.attachments?.[0]?.content ?? '')).toHaveLength(1);
	});

	it('says so when taking part is free', () => {
		const free = signUpReceivedMail(testMailContext({ programme: testProgramme({ feeCents: 0 }) }));
		expect(free.text).toContain('geen kosten');
		expect(free.text).not.toContain('€');
	});
});

describe('signUpReceivedMail, waitlisted', () => {
	const ctx = testMailContext({ registration: { status: 'waitlisted' }, waitlistPosition: 4 });
	const mail = signUpReceivedMail(ctx);

	it('tells the participant they are on the waiting list, at which place', () => {
		expect(mail.kind).toBe('registration-waitlisted');
		expect(mail.subject).toBe(`Je staat op de wachtlijst voor ${EVENT}`);
		expect(mail.text).toContain('op plaats 4');
	});

	it('has no calendar file and no invoice', () => {
		expect(mail.attachments ?? []).toEqual([]);
		expect(mail.text).not.toContain('factuur');
	});

	it('leaves the place out when it is not known', () => {
		const unknown = signUpReceivedMail({ ...ctx, waitlistPosition: null });
		expect(unknown.text).toContain('Je staat op de wachtlijst.');
		expect(unknown.text).not.toContain('op plaats');
	});
});

describe('the other registration mails', () => {
	it('promotedMail confirms the freed place and brings the calendar file', () => {
		const mail = promotedMail(testMailContext());
		expect(mail.kind).toBe('registration-promoted');
		expect(mail.subject).toContain('is bevestigd');
		expect(mail.text).toContain('plaats vrijgekomen');
		expect(plain(mail.text)).toContain('€ 961,95');
		expect(mail.attachments?.[0]?.filename).toBe('ontwerpsessies.ics');
	});

	it('movedToWaitlistMail says the place is gone, without a calendar file', () => {
		const mail = movedToWaitlistMail(testMailContext({ registration: { status: 'waitlisted' }, waitlistPosition: 2 }));
		expect(mail.kind).toBe('registration-moved-to-waitlist');
		expect(mail.text).toContain('geen plaats');
		expect(mail.text).toContain('op plaats 2');
		expect(mail.attachments ?? []).toEqual([]);
	});

	it('cancelledMail confirms the cancellation and leaves fee conditions to the organizer', () => {
		const mail = cancelledMail(testMailContext({ registration: { status: 'cancelled' } }));
		expect(mail.kind).toBe('registration-cancelled');
		expect(mail.subject).toBe(`Je aanmelding voor ${EVENT} is geannuleerd`);
		expect(mail.text).toContain('annuleringsvoorwaarden');
		// No amounts or percentages: any refund rule is the organizer's to state.
		expect(mail.text).not.toMatch(/€|%/);
		expect(mail.attachments ?? []).toEqual([]);
	});

	it('substitutionMails welcomes the new participant and tells the previous one, without their link', () => {
		const ctx = testMailContext({ registration: { name: 'Noor Bakker', email: 'noor@gemeente.example' } });
		const [toNew, toPrevious] = substitutionMails(ctx, { name: 'Jan de Vries', email: 'jan@gemeente.example' });
		expect(toNew.kind).toBe('registration-substitute');
		expect(toNew.to).toBe('noor@gemeente.example');
		expect(toNew.text).toContain('Jan de Vries heeft de plaats');
		expect(toNew.attachments?.[0]?.filename).toBe('ontwerpsessies.ics');

		expect(toPrevious.kind).toBe('registration-substituted');
		expect(toPrevious.to).toBe('jan@gemeente.example');
		expect(toPrevious.registrationId).toBe(ctx.registration.id);
		expect(toPrevious.text).toContain('Beste Jan de Vries,');
		expect(toPrevious.text).toContain('overgedragen aan Noor Bakker');
		expect(toPrevious.text).not.toContain(PERSONAL_URL);
		expect(toPrevious.html).not.toContain('persoonlijk-geheim');
		expect(toPrevious.attachments ?? []).toEqual([]);
	});

	it('personalLinkMail sends the link again', () => {
		const mail = personalLinkMail(testMailContext());
		expect(mail.kind).toBe('registration-link');
		expect(mail.subject).toBe(`Je persoonlijke link voor ${EVENT}`);
	});
});

describe('every mail to a participant', () => {
	it.each(participantMails)('%s: has the personal link in text and HTML, and no other links', (_name, build) => {
		const mail = build(testMailContext());
		expect(mail.text).toContain(PERSONAL_URL);
		expect(hrefs(mail.html)).toEqual([PERSONAL_URL]);
		expect(mail.html).not.toMatch(/<img|<script|src=/i);
	});

	it.each(participantMails)('%s: escapes what people typed in the HTML', (_name, build) => {
		const hostile = '<script>alert("x")</script>';
		const mail = build(
			testMailContext({
				registration: { name: hostile, organisationName: `Tom & Jerry ${hostile}`, purchaseOrder: '<b>PO</b>' },
				programme: testProgramme({ contactName: hostile })
			})
		);
		expect(mail.html).not.toContain('<script>');
		expect(mail.html).not.toContain('<b>');
		expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
		// Plain text shows it as typed.
		expect(mail.text).toContain(hostile);
	});

	it('does not turn a non-web personal link into a link', () => {
		const mail = signUpReceivedMail(testMailContext({ personalUrl: 'javascript:alert(1)' }));
		expect(hrefs(mail.html)).toEqual([]);
	});

	it('keeps the subject within the 300 characters the outbox stores, on one line', () => {
		const mail = signUpReceivedMail(testMailContext({ programme: testProgramme({ title: `Lange\ntitel ${'x'.repeat(400)}` }) }));
		expect(mail.subject.length).toBeLessThanOrEqual(300);
		expect(mail.subject).not.toContain('\n');
		expect(mail.subject.startsWith('Je aanmelding voor Lange titel x')).toBe(true);
	});

	it('lists sessions in programme order, whatever the order of the ids', () => {
		const mail = signUpReceivedMail(testMailContext({ registration: { sessionIds: [SESSION_2_ID, SESSION_1_ID] } }));
		expect(mail.text.indexOf('26 september')).toBeLessThan(mail.text.indexOf('5 december'));
	});
});
