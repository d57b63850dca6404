import { describe, expect, it } from 'vitest';
import { staffSignInCodeMail } from './staff-sign-in-code-mail';

describe('staffSignInCodeMail', () => {
	const mail = staffSignInCodeMail({
		to: 'organisator@example.nl',
		code: '482913',
		expiresInMinutes: 10,
		signInUrl: 'https://ontwerpsessies.example/beheer/inloggen'
	});

	it('keeps the code out of the subject and puts it in the body', () => {
		expect(mail.kind).toBe('staff-sign-in-code');
		expect(mail.to).toBe('organisator@example.nl');
		expect(mail.subject).toBe('Je inlogcode voor Ontwerpsessies');
		expect(mail.subject).not.toContain('482913');
		expect(mail.text).toContain('482913');
		expect(mail.html).toContain('482913');
		expect(mail.registrationId).toBeUndefined();
	});

	it('says how long the code works and links to the sign-in page only', () => {
		expect(mail.text).toContain('10 minuten');
		expect(mail.text).toContain('https://ontwerpsessies.example/beheer/inloggen');
		expect([...(mail.html ?? '').matchAll(/href="([^"]*)"/g)].map((match) => match[1])).toEqual([
			'https://ontwerpsessies.example/beheer/inloggen'
		]);
	});
});
