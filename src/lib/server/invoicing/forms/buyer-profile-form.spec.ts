import { describe, expect, it } from 'vitest';
import { buyerField, buyerFormValues, buyerKeySchema, parseBuyerForm, type BuyerFormKey } from './buyer-profile-form';

/** A filled-in buyer form as a browser posts it; `overrides` by schema key. */
function buyerForm(overrides: Partial<Record<BuyerFormKey, string>> = {}): FormData {
	const values: Record<BuyerFormKey, string> = {
		legalName: 'Gemeente Utrecht',
		department: '',
		street: 'Postbus 16200',
		postcode: '3500 CE',
		city: 'Utrecht',
		billingEmail: 'facturen@utrecht.nl',
		kvk: '',
		oin: '',
		peppolId: '',
		ublProfile: 'standaard',
		...overrides
	};
	const form = new FormData();
	for (const [key, value] of Object.entries(values)) form.set(buyerField[key as BuyerFormKey], value);
	return form;
}

function refusal(overrides: Partial<Record<BuyerFormKey, string>>) {
	const result = parseBuyerForm(buyerForm(overrides));
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

describe('parseBuyerForm', () => {
	it('normalises the identifiers and the postcode, and leaves empty optional ones null', () => {
		expect(parseBuyerForm(buyerForm({ postcode: '3500ce', department: ' Crediteuren ' }))).toEqual({
			ok: true,
			input: {
				legalName: 'Gemeente Utrecht',
				department: 'Crediteuren',
				street: 'Postbus 16200',
				postcode: '3500 CE',
				city: 'Utrecht',
				billingEmail: 'facturen@utrecht.nl',
				kvk: null,
				oin: null,
				peppolId: null,
				ublProfile: null
			}
		});
		const full = parseBuyerForm(
			buyerForm({ kvk: '3027 7942', oin: '0000 0001 0020 2050 2000', peppolId: '0190: 00000001002020502000', ublProfile: 'peppol' })
		);
		expect(full.ok && [full.input.kvk, full.input.oin, full.input.peppolId, full.input.ublProfile]).toEqual([
			'30277942',
			'00000001002020502000',
			'0190:00000001002020502000',
			'peppol'
		]);
	});

	it('refuses a malformed KvK-nummer, OIN and Peppol-ID with the Dutch message on each field', () => {
		expect(refusal({ kvk: '1234', oin: '1234567890123456789', peppolId: '9925:NL123' })).toEqual({
			kvk: 'Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678.',
			oin: 'Een OIN heeft 20 cijfers, bijvoorbeeld 00000001234567890000.',
			'peppol-id': expect.stringContaining('Een Peppol-ID begint met 0190: en het OIN, of met 0106: en het KvK-nummer')
		});
		expect(refusal({ peppolId: '0106:1234' })).toEqual({
			'peppol-id': 'Na 0106: volgt het KvK-nummer van 8 cijfers, bijvoorbeeld 0106:12345678.'
		});
	});

	it('asks for the name, address and e-mail address, in the order of the page', () => {
		const errors = refusal({ legalName: '', postcode: '0123 AB', billingEmail: 'geen-adres' });
		expect(Object.keys(errors)).toEqual(['naam', 'postcode', 'factuur-e-mail']);
		expect(errors.postcode).toBe('Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.');
	});

	it('refuses an e-invoice format outside the set', () => {
		expect(Object.keys(refusal({ ublProfile: 'pdf' }))).toEqual(['e-factuurformaat']);
	});
});

describe('buyerKeySchema', () => {
	it('takes CBS codes of gemeenten and provincies, and other public bodies by name', () => {
		for (const key of ['GM0344', 'PV26', 'anders:veiligheidsregio utrecht', `anders:${'x'.repeat(200)}`]) {
			expect(buyerKeySchema.safeParse(key).success, key).toBe(true);
		}
	});

	it('refuses anything else', () => {
		for (const key of ['GM034', 'gm0344', 'PV2', 'XX0344', 'anders:', `anders:${'x'.repeat(201)}`, '../facturering']) {
			expect(buyerKeySchema.safeParse(key).success, key).toBe(false);
		}
	});
});

describe('buyerFormValues', () => {
	it('fills a new profile from the details of a sign-up, with the seller’s default format', () => {
		const values = buyerFormValues({ legalName: 'Gemeente Utrecht', department: null, street: 'Postbus 16200', postcode: '3500 CE', city: 'Utrecht', billingEmail: 'facturen@utrecht.nl' });
		expect(values).toEqual({
			legalName: 'Gemeente Utrecht',
			department: '',
			street: 'Postbus 16200',
			postcode: '3500 CE',
			city: 'Utrecht',
			billingEmail: 'facturen@utrecht.nl',
			kvk: '',
			oin: '',
			peppolId: '',
			ublProfile: 'standaard'
		});
		expect(parseBuyerForm(buyerForm(values)).ok).toBe(true);
	});
});
