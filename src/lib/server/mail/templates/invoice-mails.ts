import { formatEuro } from '$lib/format/nl';
import { formatCalendarDate } from '../../invoicing/calendar-date';
import type { InvoiceDocument } from '../../invoicing/invoice-document';
import type { MailAttachment, MailMessage } from '../outbox';
import { renderHtml, renderText, type MailBlock } from './mail-document';
import { subjectLine } from './subject-line';

/**
 * Mails to a buyer's accounts-payable address: the invoice or credit note itself, and a payment
 * reminder. Formal "u", the invoice number in the subject (how crediteurenadministraties sort
 * their mail), the PDF and the UBL file attached.
 */

export interface InvoiceFiles {
	pdf: Uint8Array;
	ublXml: string;
}

function attachments(document: InvoiceDocument, files: InvoiceFiles): MailAttachment[] {
	const base = `${document.kind === 'invoice' ? 'factuur' : 'creditnota'}-${document.number}`;
	return [
		{ filename: `${base}.pdf`, contentType: 'application/pdf', content: Buffer.from(files.pdf).toString('base64'), encoding: 'base64' },
		{ filename: `${base}.xml`, contentType: 'application/xml', content: files.ublXml }
	];
}

function message(kind: string, document: InvoiceDocument, subject: string, blocks: MailBlock[], files: InvoiceFiles, registrationId?: string): MailMessage {
	const line = subjectLine(subject);
	const mail = { title: line, blocks };
	return {
		kind,
		to: document.buyer.email,
		subject: line,
		text: renderText(mail),
		html: renderHtml(mail),
		attachments: attachments(document, files),
		...(registrationId ? { registrationId } : {})
	};
}

function references(document: InvoiceDocument): string[] {
	return [
		...(document.orderReference ? [`Uw inkoopordernummer: ${document.orderReference}`] : []),
		...(document.buyerReference ? [`Uw referentie: ${document.buyerReference}`] : [])
	];
}

/** A list block, or nothing when there is nothing to list. */
function listOf(items: string[]): MailBlock[] {
	return items.length > 0 ? [{ type: 'list', items }] : [];
}

function paragraph(text: string): MailBlock {
	return { type: 'paragraph', text };
}

function signOff(document: InvoiceDocument): MailBlock {
	return paragraph(`Met vriendelijke groet,\n${document.seller.legalName}\n${document.seller.email}${document.seller.phone ? `, ${document.seller.phone}` : ''}`);
}

/** The invoice or credit note, as issued. */
export function invoiceMail(document: InvoiceDocument, files: InvoiceFiles, registrationId?: string): MailMessage {
	if (document.kind === 'credit-note') {
		return message(
			'invoice-credit-note',
			document,
			`Creditnota ${document.number} bij factuur ${document.credits?.number ?? ''} – ${document.subject}`,
			[
				paragraph('Geachte heer, mevrouw,'),
				paragraph(
					`Hierbij ontvangt u creditnota ${document.number} van ${formatCalendarDate(document.issueDate)} voor factuur ${document.credits?.number ?? ''}, een bedrag van ${formatEuro(document.totals.payableCents)} (inclusief btw).`
				),
				...(document.note ? [paragraph(document.note)] : []),
				...listOf(references(document)),
				paragraph('De creditnota is bijgevoegd als pdf en als e-factuur (UBL).'),
				signOff(document)
			],
			files,
			registrationId
		);
	}
	return message(
		'invoice-issued',
		document,
		`Factuur ${document.number} – ${document.subject}`,
		[
			paragraph('Geachte heer, mevrouw,'),
			paragraph(
				`Hierbij ontvangt u factuur ${document.number} van ${formatCalendarDate(document.issueDate)} voor ${document.subject}: ${formatEuro(document.totals.payableCents)} inclusief btw.`
			),
			...listOf([
				...references(document),
				`Te betalen uiterlijk ${formatCalendarDate(document.dueDate)} op ${document.seller.iban} t.n.v. ${document.seller.legalName}, onder vermelding van ${document.paymentReference}`
			]),
			paragraph(
				`De factuur is bijgevoegd als pdf en als e-factuur (UBL, ${document.profile === 'peppol' ? 'Peppol BIS Billing 3.0' : 'NLCIUS'}) voor uw financiële systeem.`
			),
			signOff(document)
		],
		files,
		registrationId
	);
}

/** A friendly reminder that an invoice is past its due date. */
export function paymentReminderMail(document: InvoiceDocument, files: InvoiceFiles, outstandingCents: number): MailMessage {
	return message(
		'invoice-reminder',
		document,
		`Herinnering: factuur ${document.number} – ${document.subject}`,
		[
			paragraph('Geachte heer, mevrouw,'),
			paragraph(
				`Volgens onze administratie is factuur ${document.number} van ${formatCalendarDate(document.issueDate)} nog niet (volledig) betaald. De vervaldatum was ${formatCalendarDate(document.dueDate)}; er staat nog ${formatEuro(outstandingCents)} open.`
			),
			paragraph(
				`Wilt u het bedrag overmaken op ${document.seller.iban} t.n.v. ${document.seller.legalName}, onder vermelding van ${document.paymentReference}? Heeft u al betaald, dan kunt u deze herinnering als niet verzonden beschouwen.`
			),
			...listOf(references(document)),
			paragraph('De factuur is nogmaals bijgevoegd.'),
			signOff(document)
		],
		files
	);
}

/** To a participant whose purchase order number is still to follow: the invoice waits for it. */
export function orderNumberReminderMail(registration: {
	registrationId: string;
	name: string;
	email: string;
	eventTitle: string;
	personalUrl: string;
}): MailMessage {
	const subject = subjectLine(`Inkoopordernummer nodig voor de factuur van ${registration.eventTitle}`);
	const mail = {
		title: subject,
		blocks: [
			{ type: 'paragraph', text: `Beste ${registration.name},` },
			{
				type: 'paragraph',
				text: `Bij je aanmelding voor ${registration.eventTitle} gaf je aan dat het inkoopordernummer van je organisatie nog volgt. We sturen de factuur pas als we dat nummer hebben, zodat je crediteurenadministratie hem niet terugstuurt.`
			},
			{ type: 'paragraph', text: 'Vul het nummer in op je persoonlijke pagina zodra je het hebt:' },
			{ type: 'link', label: 'Inkoopordernummer invullen', href: registration.personalUrl },
			{ type: 'paragraph', text: `Met vriendelijke groet,\nde organisatie van ${registration.eventTitle}` }
		] satisfies MailBlock[]
	};
	return {
		kind: 'registration-order-number-reminder',
		to: registration.email,
		subject,
		text: renderText(mail),
		html: renderHtml(mail),
		registrationId: registration.registrationId
	};
}
