import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	bicSchema,
	dutchVatIdSchema,
	ibanSchema,
	isBic,
	isDutchPostcode,
	isDutchVatId,
	isIban,
	isKvkNumber,
	isOin,
	isPeppolParticipantId,
	kvkNumberSchema,
	oinSchema,
	optionalIdentifier,
	peppolParticipantIdSchema,
	postcodeSchema
} from './identifiers';

function value<T>(schema: z.ZodType<T>, input: unknown): T {
	const result = schema.safeParse(input);
	if (!result.success) throw new Error(`expected ${JSON.stringify(input)} to pass: ${result.error.issues[0]?.message}`);
	return result.data;
}

function message(schema: z.ZodType, input: unknown): string | undefined {
	const result = schema.safeParse(input);
	if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.data)}`);
	return result.error.issues[0]?.message;
}

/**
 * An independent check of the 2020 rule, with BigInt instead of digit-by-digit remainders:
 * letters as A = 10 … Z = 35 (N = 23, L = 21, B = 11), the whole number mod 97 is 1.
 */
function mod97WithBigInt(vatId: string): boolean {
	const digits = [...vatId].map((character) => (/[A-Z]/.test(character) ? String(character.charCodeAt(0) - 55) : character)).join('');
	return BigInt(digits) % 97n === 1n;
}

describe('KvK-nummer', () => {
	it('accepts 8 digits, dropping spaces and dots', () => {
		expect(value(kvkNumberSchema, '12345678')).toBe('12345678');
		expect(value(kvkNumberSchema, ' 1234 5678 ')).toBe('12345678');
		expect(value(kvkNumberSchema, '12.34.56.78')).toBe('12345678');
		expect(isKvkNumber('0123 4567')).toBe(true);
	});

	it('refuses other lengths and letters, saying what a KvK-nummer looks like', () => {
		for (const input of ['1234567', '123456789', '1234567a', 'KVK12345678', '12-345678']) {
			expect(message(kvkNumberSchema, input), input).toBe('Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678.');
			expect(isKvkNumber(input), input).toBe(false);
		}
		expect(message(kvkNumberSchema, '')).toBe('Vul het KvK-nummer in, bijvoorbeeld 12345678.');
		expect(message(kvkNumberSchema, 12_345_678)).toBe('Vul het KvK-nummer in, bijvoorbeeld 12345678.');
	});
});

describe('OIN', () => {
	it('accepts 20 digits', () => {
		expect(value(oinSchema, '00000001234567890000')).toBe('00000001234567890000');
		expect(value(oinSchema, '0000 0001 2345 6789 0000')).toBe('00000001234567890000');
		expect(isOin('00000003123456780000')).toBe(true);
	});

	it('refuses other lengths and letters', () => {
		for (const input of ['0000000123456789000', '000000012345678900000', '0000000123456789000A']) {
			expect(message(oinSchema, input), input).toBe('Een OIN heeft 20 cijfers, bijvoorbeeld 00000001234567890000.');
			expect(isOin(input), input).toBe(false);
		}
		expect(message(oinSchema, ' ')).toBe('Vul het OIN in, bijvoorbeeld 00000001234567890000.');
	});
});

describe('btw-identificatienummer', () => {
	it('accepts numbers that pass the old eleven test', () => {
		// 0·9 + 0·8 + 4·7 + 4·6 + 9·5 + 5·4 + 4·3 + 4·2 = 137; 137 mod 11 = 5, the 9th digit.
		expect(value(dutchVatIdSchema, 'NL004495445B01')).toBe('NL004495445B01');
		// 1·9 + 2·8 + 3·7 + 4·6 + 5·5 + 6·4 + 7·3 + 8·2 = 156; 156 mod 11 = 2, the 9th digit.
		expect(isDutchVatId('NL123456782B01')).toBe(true);
		expect(mod97WithBigInt('NL004495445B01')).toBe(false);
	});

	it('accepts numbers that pass the 2020 mod-97 check', () => {
		// The Belastingdienst's example btw-id, and python-stdnum's "valid since 2020" example.
		// Neither passes the eleven test: 9·5 + 9·4 + 9·3 + 9·2 = 126, mod 11 = 5, not 8; and
		// 2·7 + 4·6 + 5·5 + 5·4 + 7·3 + 9·2 = 122, mod 11 = 1, not 9.
		for (const id of ['NL000099998B57', 'NL002455799B11']) {
			expect(mod97WithBigInt(id), id).toBe(true);
			expect(value(dutchVatIdSchema, id)).toBe(id);
		}
	});

	it('normalises case, spaces, dots and a missing country code', () => {
		expect(value(dutchVatIdSchema, 'nl 0000.99998 b57')).toBe('NL000099998B57');
		expect(value(dutchVatIdSchema, ' NL0044 95445 B01 ')).toBe('NL004495445B01');
		expect(value(dutchVatIdSchema, '004495445B01')).toBe('NL004495445B01');
	});

	it('refuses a wrong checksum', () => {
		const wrong = 'Dit btw-identificatienummer klopt niet. Controleer de cijfers, bijvoorbeeld op een factuur of brief van de organisatie.';
		for (const id of ['NL000099998B58', 'NL123456783B01', 'NL004495446B01', 'NL002455799B12']) {
			expect(mod97WithBigInt(id), id).toBe(false);
			expect(message(dutchVatIdSchema, id), id).toBe(wrong);
			expect(isDutchVatId(id), id).toBe(false);
		}
		// All zeros passes the arithmetic, B00 is never issued.
		expect(message(dutchVatIdSchema, 'NL000000000B01')).toBe(wrong);
		expect(message(dutchVatIdSchema, 'NL004495445B00')).toBe(wrong);
	});

	it('refuses what does not look like a btw-identificatienummer', () => {
		const format = 'Een btw-identificatienummer is NL, 9 cijfers, de letter B en 2 cijfers, bijvoorbeeld NL000099998B57.';
		for (const id of ['NL04495445B01', 'NL0044954450B01', 'NL004495445X01', 'NL004495445B1', 'BE0123456789', 'DE123456789', 'NL00449544AB01']) {
			expect(message(dutchVatIdSchema, id), id).toBe(format);
		}
		expect(message(dutchVatIdSchema, '')).toBe('Vul het btw-identificatienummer in, bijvoorbeeld NL000099998B57.');
	});
});

describe('IBAN', () => {
	it('accepts valid IBANs and gives them in electronic format', () => {
		expect(value(ibanSchema, 'NL91ABNA0417164300')).toBe('NL91ABNA0417164300');
		expect(value(ibanSchema, 'nl91 abna 0417 1643 00')).toBe('NL91ABNA0417164300');
		expect(value(ibanSchema, 'NL91\u00a0ABNA\u00a00417\u00a01643\u00a000')).toBe('NL91ABNA0417164300');
		expect(isIban('DE89 3704 0044 0532 0130 00')).toBe(true);
	});

	it('refuses a wrong check digit, length or country', () => {
		const wrong = 'Dit IBAN klopt niet. Controleer de letters en cijfers, bijvoorbeeld NL91 ABNA 0417 1643 00.';
		for (const input of ['NL91ABNA0417164301', 'NL92ABNA0417164300', 'NL91ABNA041716430', 'XX91ABNA0417164300', '0417164300']) {
			expect(message(ibanSchema, input), input).toBe(wrong);
			expect(isIban(input), input).toBe(false);
		}
		expect(message(ibanSchema, '')).toBe('Vul het IBAN in, bijvoorbeeld NL91 ABNA 0417 1643 00.');
	});
});

describe('BIC', () => {
	it('is optional, and normalised when given', () => {
		expect(value(bicSchema, '')).toBeUndefined();
		expect(value(bicSchema, '  ')).toBeUndefined();
		expect(value(bicSchema, undefined)).toBeUndefined();
		expect(value(bicSchema, 'abna nl 2a')).toBe('ABNANL2A');
		expect(value(bicSchema, 'INGBNL2AXXX')).toBe('INGBNL2AXXX');
	});

	it('refuses a BIC of the wrong shape or an unknown country', () => {
		const wrong = 'Deze BIC klopt niet. Een BIC heeft 8 of 11 letters en cijfers, bijvoorbeeld ABNANL2A.';
		for (const input of ['ABN4NL2A', 'ABNANL2', 'ABNANL2AXX', 'ABNAXX2A']) {
			expect(message(bicSchema, input), input).toBe(wrong);
			expect(isBic(input), input).toBe(false);
		}
		expect(isBic('ABNANL2A')).toBe(true);
	});
});

describe('Peppol participant ID', () => {
	it('accepts an OIN under scheme 0190 and a KvK-nummer under 0106', () => {
		expect(value(peppolParticipantIdSchema, '0190:00000001234567890000')).toBe('0190:00000001234567890000');
		expect(value(peppolParticipantIdSchema, ' 0106: 1234 5678 ')).toBe('0106:12345678');
		expect(isPeppolParticipantId('0106:12345678')).toBe(true);
	});

	it('refuses another scheme, saying which two are meant', () => {
		const scheme = 'Een Peppol-ID begint met 0190: en het OIN, of met 0106: en het KvK-nummer, bijvoorbeeld 0190:00000001234567890000.';
		for (const input of ['9944:NL004495445B01', '0088:1234567890123', '0192:12345678', '019000000001234567890000', '00000001234567890000', 'iso6523:0190:00000001234567890000']) {
			expect(message(peppolParticipantIdSchema, input), input).toBe(scheme);
			expect(isPeppolParticipantId(input), input).toBe(false);
		}
	});

	it('refuses a number of the wrong length for its scheme', () => {
		expect(message(peppolParticipantIdSchema, '0190:1234')).toBe('Na 0190: volgt het OIN van 20 cijfers, bijvoorbeeld 0190:00000001234567890000.');
		expect(message(peppolParticipantIdSchema, '0190:00000001234567890000:1')).toMatch(/^Na 0190: volgt het OIN/);
		expect(message(peppolParticipantIdSchema, '0106:1234567')).toBe('Na 0106: volgt het KvK-nummer van 8 cijfers, bijvoorbeeld 0106:12345678.');
		expect(message(peppolParticipantIdSchema, '0106:00000001234567890000')).toMatch(/^Na 0106: volgt het KvK-nummer/);
		expect(message(peppolParticipantIdSchema, '')).toBe('Vul het Peppol-ID in, bijvoorbeeld 0190:00000001234567890000.');
	});
});

describe('postcode', () => {
	it('is the sign-up form’s schema: normalised to 1234 AB', () => {
		expect(value(postcodeSchema, '1234ab')).toBe('1234 AB');
		expect(isDutchPostcode('2011 VA')).toBe(true);
	});

	it('refuses what no postcode is', () => {
		for (const input of ['0123 AB', '1234 SS', '123 AB', '1234 A', 'ABCD 12']) expect(isDutchPostcode(input), input).toBe(false);
	});
});

describe('optionalIdentifier', () => {
	it('lets an empty field through and checks a filled one', () => {
		const optionalKvk = optionalIdentifier(kvkNumberSchema);
		expect(value(optionalKvk, '')).toBeUndefined();
		expect(value(optionalKvk, undefined)).toBeUndefined();
		expect(value(optionalKvk, '1234 5678')).toBe('12345678');
		expect(message(optionalKvk, '1234')).toBe('Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678.');
	});
});
