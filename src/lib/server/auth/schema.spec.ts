import { describe, expect, it } from 'vitest';
import { addStaffSchema, requestCodeSchema, safeReturnPath, verifyCodeSchema } from './schema';

describe('safeReturnPath', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeReturnPath('/beheer/team')).toBe('/beheer/team');
		expect(safeReturnPath('/beheer?status=wachtlijst#lijst')).toBe('/beheer?status=wachtlijst#lijst');
	});

	it('refuses anything that could lead to another site', () => {
		for (const value of ['//evil.example', '/\\evil.example', 'https://evil.example/beheer', 'javascript:alert(1)', '/\t/evil.example', 'beheer', '', null, undefined]) {
			expect(safeReturnPath(value)).toBe('/beheer');
		}
	});
});

describe('sign-in schemas', () => {
	it('lower-cases and trims the e-mail address', () => {
		expect(requestCodeSchema.parse({ email: '  Anna@Gemeente.NL ' }).email).toBe('anna@gemeente.nl');
	});

	it('says in Dutch what is wrong with an address', () => {
		const empty = requestCodeSchema.safeParse({ email: '' });
		expect(empty.error?.issues[0]?.message).toBe('Vul je e-mailadres in.');
		const wrong = requestCodeSchema.safeParse({ email: 'anna@' });
		expect(wrong.error?.issues[0]?.message).toContain('geen geldig e-mailadres');
	});

	it('takes a six-digit code, also pasted with a space', () => {
		expect(verifyCodeSchema.parse({ email: 'a@b.nl', code: '123 456' }).code).toBe('123456');
		expect(verifyCodeSchema.safeParse({ email: 'a@b.nl', code: '12345' }).error?.issues[0]?.message).toBe('De code bestaat uit 6 cijfers.');
		expect(verifyCodeSchema.safeParse({ email: 'a@b.nl', code: '' }).error?.issues[0]?.message).toBe('Vul de code uit de e-mail in.');
	});

	it('needs a known role to add a colleague, and keeps an empty name as none', () => {
		expect(addStaffSchema.parse({ email: 'a@b.nl', name: '', role: 'facilitator' })).toEqual({ email: 'a@b.nl', name: null, role: 'facilitator' });
		expect(addStaffSchema.safeParse({ email: 'a@b.nl', name: '', role: 'admin' }).error?.issues[0]?.message).toContain('Kies een rol');
	});
});
