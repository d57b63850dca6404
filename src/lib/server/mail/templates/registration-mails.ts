import { feeSettingsOf } from '$lib/events/programme-fee';
import { cancellationPolicyText } from '$lib/fees/cancellation-policy';
import { quoteCharges } from '$lib/fees/registration-fee';
import type { EventSession, Programme } from '$lib/events/schema';
import { formatEuro, formatLongDate, formatRate, formatTime } from '$lib/format/nl';
import { calendarFile } from '../calendar';
import type { MailAttachment, MailMessage } from '../outbox';
import { renderHtml, renderText, type MailBlock } from './mail-document';
import { subjectLine } from './subject-line';

/** Everything a mail about one registration may tell, as committed in the transaction that sends it. */
export interface RegistrationMailContext {
	programme: Programme;
	registration: {
		id: string;
		name: string;
		email: string;
		organisationName: string;
		status: 'confirmed' | 'waitlisted' | 'cancelled';
		sessionIds: string[];
		billingEmail: string;
		purchaseOrder: string | null;
		billingReference: string | null;
	};
	/** Absolute URL of the participant's personal page. */
	personalUrl: string;
	waitlistPosition?: number | null;
}

/** The person who handed their place to a colleague. */
export interface PreviousParticipant {
	name: string;
	email: string;
}

/**
 * The answer to a sign-up: a confirmation with programme, fee, invoice details and calendar file
 * when the participant has a place, or the news that they are on the waiting list.
 */
export function signUpReceivedMail(ctx: RegistrationMailContext): MailMessage {
	if (ctx.registration.status === 'waitlisted') return waitlistedMail(ctx);
	const title = ctx.programme.title;
	return registrationMail(ctx, {
		kind: 'registration-confirmed',
		subject: `Je aanmelding voor ${title} is bevestigd`,
		blocks: [
			greeting(ctx),
			paragraph(`Bedankt voor je aanmelding namens ${ctx.registration.organisationName}. Je hebt een plaats bij ${title}.`),
			...confirmedDetails(ctx)
		],
		withCalendar: true
	});
}

/** A place came free and went to this participant, who waited for it. */
export function promotedMail(ctx: RegistrationMailContext): MailMessage {
	const title = ctx.programme.title;
	return registrationMail(ctx, {
		kind: 'registration-promoted',
		subject: `Er is een plaats vrijgekomen: je aanmelding voor ${title} is bevestigd`,
		blocks: [
			greeting(ctx),
			paragraph(`Goed nieuws: er is een plaats vrijgekomen bij ${title}. Je stond op de wachtlijst en hebt nu een plaats.`),
			...confirmedDetails(ctx)
		],
		withCalendar: true
	});
}

/** The participant lost their place and waits again (for example when the organizer lowered the capacity). */
export function movedToWaitlistMail(ctx: RegistrationMailContext): MailMessage {
	const title = ctx.programme.title;
	return registrationMail(ctx, {
		kind: 'registration-moved-to-waitlist',
		subject: `Je aanmelding voor ${title} staat nu op de wachtlijst`,
		blocks: [
			greeting(ctx),
			paragraph(`Je aanmelding voor ${title} staat nu op de wachtlijst. Je hebt op dit moment dus geen plaats.`),
			...waitlistBody(ctx),
			paragraph('Heb je de sessies al in je agenda gezet? Houd er dan rekening mee dat je nog geen plaats hebt.'),
			...personalLink(ctx, 'Op je persoonlijke pagina kun je je aanmelding bekijken of je afmelden.'),
			...contact(ctx.programme),
			signOff(ctx.programme)
		]
	});
}

/** Confirms that a registration was cancelled. The fee conditions are the organizer's to tell. */
export function cancelledMail(ctx: RegistrationMailContext): MailMessage {
	const title = ctx.programme.title;
	return registrationMail(ctx, {
		kind: 'registration-cancelled',
		subject: `Je aanmelding voor ${title} is geannuleerd`,
		blocks: [
			greeting(ctx),
			paragraph(`Je aanmelding voor ${title} is geannuleerd. Je hebt geen plaats meer.`),
			paragraph(
				'Wat de annulering betekent voor de deelnamekosten, hoor je van de organisatie volgens haar annuleringsvoorwaarden.'
			),
			paragraph('Staan de sessies in je agenda? Dan kun je ze daar verwijderen.'),
			...personalLink(ctx, 'Op je persoonlijke pagina kun je je aanmelding nog bekijken.'),
			...contact(ctx.programme),
			signOff(ctx.programme)
		]
	});
}

/**
 * A participant handed their place to a colleague: a welcome for the new participant (with
 * their own personal link and the calendar file) and a notice to the one who gave the place up.
 * The notice never carries the personal link: that belongs to the new participant now.
 */
export function substitutionMails(ctx: RegistrationMailContext, previous: PreviousParticipant): [MailMessage, MailMessage] {
	const title = ctx.programme.title;
	// A place on the waiting list can be handed over too: then the colleague waits in it.
	const waiting = ctx.registration.status === 'waitlisted';
	const toNew = registrationMail(ctx, {
		kind: 'registration-substitute',
		subject: waiting ? `Je staat op de wachtlijst voor ${title}` : `Je hebt een plaats bij ${title}`,
		blocks: waiting
			? [
					greeting(ctx),
					paragraph(`${previous.name} heeft de plaats op de wachtlijst voor ${title} aan jou overgedragen.`),
					...waitlistBody(ctx),
					...personalLink(ctx, 'Op je persoonlijke pagina kun je je aanmelding bekijken of je afmelden van de wachtlijst.'),
					...contact(ctx.programme),
					signOff(ctx.programme)
				]
			: [
					greeting(ctx),
					paragraph(`${previous.name} heeft de plaats bij ${title} aan jou overgedragen. Je aanmelding is bevestigd.`),
					...confirmedDetails(ctx)
				],
		withCalendar: !waiting
	});
	const noticeBlocks: MailBlock[] = [
		paragraph(`Beste ${previous.name},`),
		paragraph(`Je plaats bij ${title} is overgedragen aan ${ctx.registration.name}. Je bent dus niet meer aangemeld.`),
		paragraph('Je persoonlijke link werkt niet meer. Staan de sessies in je agenda? Dan kun je ze daar verwijderen.'),
		paragraph('Klopt dit niet? Neem dan zo snel mogelijk contact op met de organisatie.'),
		...contact(ctx.programme),
		signOff(ctx.programme)
	];
	const noticeSubject = subjectLine(`Je plaats bij ${title} is overgedragen aan ${ctx.registration.name}`);
	const toPrevious: MailMessage = {
		kind: 'registration-substituted',
		to: previous.email,
		subject: noticeSubject,
		text: renderText({ title: noticeSubject, blocks: noticeBlocks }),
		html: renderHtml({ title: noticeSubject, blocks: noticeBlocks }),
		registrationId: ctx.registration.id
	};
	return [toNew, toPrevious];
}

/**
 * The personal link again, for someone who lost it ("Link kwijt?"). It goes only to the
 * participant's own address, so asking for it tells the asker nothing.
 */
export function personalLinkMail(ctx: RegistrationMailContext): MailMessage {
	const title = ctx.programme.title;
	const { status } = ctx.registration;
	const state: MailBlock[] =
		status === 'confirmed'
			? [paragraph(`Je bent aangemeld voor ${title} en hebt een plaats.`), ...sessionsBlocks(ctx)]
			: status === 'waitlisted'
				? [paragraph(`Je hebt je aangemeld voor ${title}.`), ...waitlistBody(ctx)]
				: [paragraph(`Je aanmelding voor ${title} is geannuleerd.`)];
	return registrationMail(ctx, {
		kind: 'registration-link',
		subject: `Je persoonlijke link voor ${title}`,
		blocks: [
			greeting(ctx),
			paragraph('Je hebt je persoonlijke link opnieuw opgevraagd. Hier is hij.'),
			...state,
			...personalLink(
				ctx,
				status === 'confirmed'
					? 'Op je persoonlijke pagina kun je je aanmelding bekijken, je factuurgegevens wijzigen, je afmelden of je plaats overdragen aan een collega.'
					: 'Op je persoonlijke pagina kun je je aanmelding bekijken.'
			),
			paragraph('Heb je de link niet zelf opgevraagd? Dan hoef je niets te doen: we sturen hem alleen naar jouw e-mailadres.'),
			...contact(ctx.programme),
			signOff(ctx.programme)
		]
	});
}

function waitlistedMail(ctx: RegistrationMailContext): MailMessage {
	const title = ctx.programme.title;
	return registrationMail(ctx, {
		kind: 'registration-waitlisted',
		subject: `Je staat op de wachtlijst voor ${title}`,
		blocks: [
			greeting(ctx),
			paragraph(`Bedankt voor je aanmelding namens ${ctx.registration.organisationName}. ${title} is op dit moment vol.`),
			...waitlistBody(ctx),
			...personalLink(ctx, 'Op je persoonlijke pagina kun je je aanmelding bekijken of je afmelden van de wachtlijst.'),
			...contact(ctx.programme),
			signOff(ctx.programme)
		]
	});
}

/** A session's report is published: the link reads it through the participant's own link. */
export function reportPublishedMail(ctx: RegistrationMailContext, report: { sessionTitle: string; readUrl: string }): MailMessage {
	const title = ctx.programme.title;
	return registrationMail(ctx, {
		kind: 'report-published',
		subject: `Het verslag van ${report.sessionTitle} staat klaar`,
		blocks: [
			greeting(ctx),
			paragraph(
				`Het verslag van ${report.sessionTitle} (${title}) staat klaar: de agenda zoals hij liep, per thema de ontwerpvraag, de ideeën met de meeste stemmen, de canvassen en wat deelnemers meenemen.`
			),
			paragraph('Je kunt het verslag online lezen en downloaden als pdf, om mee te nemen naar je eigen organisatie.'),
			{ type: 'link', label: 'Naar het verslag', href: report.readUrl },
			paragraph('Deze link is alleen voor jou. Stuur deze e-mail daarom niet door.'),
			...contact(ctx.programme),
			signOff(ctx.programme)
		]
	});
}

interface RegistrationMailParts {
	kind: string;
	subject: string;
	blocks: MailBlock[];
	withCalendar?: boolean;
}

function registrationMail(ctx: RegistrationMailContext, parts: RegistrationMailParts): MailMessage {
	const subject = subjectLine(parts.subject);
	const document = { title: subject, blocks: parts.blocks };
	const attachments = parts.withCalendar ? calendarAttachments(ctx) : [];
	return {
		kind: parts.kind,
		to: ctx.registration.email,
		subject,
		text: renderText(document),
		html: renderHtml(document),
		...(attachments.length > 0 ? { attachments } : {}),
		registrationId: ctx.registration.id
	};
}

/** What a participant with a place needs to know: sessions, fee, invoice, personal link, calendar file. */
function confirmedDetails(ctx: RegistrationMailContext): MailBlock[] {
	const blocks: MailBlock[] = [...sessionsBlocks(ctx), ...feeBlocks(ctx)];
	blocks.push(
		...personalLink(
			ctx,
			'Op je persoonlijke pagina kun je je aanmelding bekijken, je factuurgegevens wijzigen, je afmelden of je plaats overdragen aan een collega.'
		)
	);
	if (attendedSessions(ctx).length > 0) {
		blocks.push(paragraph('In de bijlage staat een agendabestand (ontwerpsessies.ics). Open het om de sessies in je agenda te zetten.'));
	}
	blocks.push(...contact(ctx.programme), signOff(ctx.programme));
	return blocks;
}

function waitlistBody(ctx: RegistrationMailContext): MailBlock[] {
	const position = ctx.waitlistPosition;
	const blocks: MailBlock[] = [];
	blocks.push(
		paragraph(
			position != null && position > 0
				? `Je staat op de wachtlijst, op plaats ${position}.`
				: 'Je staat op de wachtlijst.'
		)
	);
	blocks.push(
		paragraph(
			'Komt er een plaats vrij, dan gaat die eerst naar organisaties die nog geen plaats hebben, en verder in volgorde van aanmelding. Krijg jij de plaats, dan hoor je dat meteen per e-mail.'
		)
	);
	blocks.push(...sessionsBlocks(ctx, 'Sessies waarvoor je je hebt aangemeld'));
	return blocks;
}

function attendedSessions(ctx: RegistrationMailContext): EventSession[] {
	const wanted = new Set(ctx.registration.sessionIds);
	return ctx.programme.sessions.filter((session) => wanted.has(session.id));
}

function sessionsBlocks(ctx: RegistrationMailContext, heading = 'Je sessies'): MailBlock[] {
	const sessions = attendedSessions(ctx);
	if (sessions.length === 0) return [];
	return [
		{ type: 'heading', text: heading },
		{
			type: 'list',
			items: sessions.map(
				(session) =>
					`${session.title}\n${formatLongDate(session.startsAt)}, ${formatTime(session.startsAt)}–${formatTime(session.endsAt)} uur\n${venue(session)}`
			)
		}
	];
}

function venue(session: EventSession): string {
	const parts = [session.venueName, session.venueAddress, session.venueCity].filter(
		(part): part is string => part !== null && part.trim() !== ''
	);
	return parts.length > 0 ? `Locatie: ${parts.join(', ')}` : 'Locatie volgt';
}

function feeBlocks(ctx: RegistrationMailContext): MailBlock[] {
	const { programme, registration } = ctx;
	if (programme.feeCents === 0) {
		return [{ type: 'heading', text: 'Kosten' }, paragraph('Aan deelname zijn geen kosten verbonden.')];
	}
	const fee = feeSettingsOf(programme);
	// The price of a first place, from the one fee function; a colleague's discount is named below.
	const [place] = quoteCharges(fee, 1);
	const references = [
		registration.purchaseOrder ? `inkoopordernummer ${registration.purchaseOrder}` : null,
		registration.billingReference ? `kenmerk ${registration.billingReference}` : null
	].filter((reference): reference is string => reference !== null);
	return [
		{ type: 'heading', text: 'Kosten en factuur' },
		paragraph(
			`De deelnamekosten zijn ${formatEuro(place?.netCents ?? programme.feeCents)} per deelnemer, exclusief btw. ` +
				(fee.vatMode === 'exempt'
					? 'Deelname is vrijgesteld van btw.'
					: `Inclusief ${formatRate(fee.vatRateBp)} btw is dat ${formatEuro(place?.grossCents ?? programme.feeCents)}.`) +
				(fee.furtherParticipantDiscountCents > 0
					? ` Elke volgende deelnemer van dezelfde organisatie krijgt ${formatEuro(fee.furtherParticipantDiscountCents)} korting.`
					: '')
		),
		paragraph(cancellationPolicyText(fee)),
		paragraph(
			references.length > 0
				? `De factuur gaat naar de factuurafdeling van je organisatie (je gaf ${registration.billingEmail} op), met ${references.join(' en ')}.`
				: `De factuur gaat naar de factuurafdeling van je organisatie (je gaf ${registration.billingEmail} op). Heeft je organisatie een inkoopordernummer of kenmerk nodig? Vul dat dan in op je persoonlijke pagina.`
		)
	];
}

function personalLink(ctx: RegistrationMailContext, intro: string): MailBlock[] {
	return [
		{ type: 'heading', text: 'Je persoonlijke pagina' },
		paragraph(intro),
		{ type: 'link', label: 'Naar je persoonlijke pagina', href: ctx.personalUrl },
		paragraph('Deze link is alleen voor jou. Stuur deze e-mail daarom niet door.')
	];
}

function contact(programme: Programme): MailBlock[] {
	const ways = [programme.contactEmail, programme.contactPhone].filter(
		(way): way is string => way !== null && way.trim() !== ''
	);
	if (ways.length === 0) return [];
	const who = programme.contactName ? `${programme.contactName}, ` : '';
	return [paragraph(`Vragen? Neem contact op met ${who}${ways.join(' of ')}.`)];
}

function greeting(ctx: RegistrationMailContext): MailBlock {
	return paragraph(`Beste ${ctx.registration.name},`);
}

function signOff(programme: Programme): MailBlock {
	return paragraph(`Met vriendelijke groet,\nde organisatie van ${programme.title}`);
}

function paragraph(text: string): MailBlock {
	return { type: 'paragraph', text };
}

/** The .ics for the attended sessions; UIDs and the link come from the app's own address. */
function calendarAttachments(ctx: RegistrationMailContext): MailAttachment[] {
	const sessionIds = attendedSessions(ctx).map((session) => session.id);
	if (sessionIds.length === 0) return [];
	const site = URL.parse(ctx.personalUrl);
	// The public site, not the personal page: calendar entries are often visible to colleagues.
	return [
		calendarFile(ctx.programme, sessionIds, {
			uidDomain: site?.hostname || 'ontwerpsessies.invalid',
			...(site && (site.protocol === 'https:' || site.protocol === 'http:') ? { url: `${site.origin}/` } : {})
		})
	];
}
