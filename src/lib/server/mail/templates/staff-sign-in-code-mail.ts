import type { MailMessage } from '../outbox';
import { renderHtml, renderText, type MailBlock } from './mail-document';
import { subjectLine } from './subject-line';

export interface StaffSignInCodeMailInput {
	to: string;
	code: string;
	expiresInMinutes: number;
	/** The page where the code is entered. */
	signInUrl: string;
}

/**
 * The one-time code for the app's own staff sign-in. The code stays out of the subject line, so
 * it does not show on a locked phone screen or in a notification.
 */
export function staffSignInCodeMail(input: StaffSignInCodeMailInput): MailMessage {
	const subject = subjectLine('Je inlogcode voor Ontwerpsessies');
	const minutes = input.expiresInMinutes === 1 ? '1 minuut' : `${input.expiresInMinutes} minuten`;
	const blocks: MailBlock[] = [
		{ type: 'paragraph', text: 'Hallo,' },
		{ type: 'paragraph', text: 'Je inlogcode voor het beheer van Ontwerpsessies is:' },
		{ type: 'code', text: input.code },
		{ type: 'paragraph', text: `De code is ${minutes} geldig en werkt één keer. Vul de code in op de inlogpagina:` },
		{ type: 'link', label: 'Naar de inlogpagina', href: input.signInUrl },
		{
			type: 'paragraph',
			text: 'Heb je deze code niet aangevraagd? Dan hoef je niets te doen: zonder de code kan niemand inloggen. Geef de code aan niemand door.'
		}
	];
	const document = { title: subject, blocks };
	return {
		kind: 'staff-sign-in-code',
		to: input.to,
		subject,
		text: renderText(document),
		html: renderHtml(document)
	};
}
