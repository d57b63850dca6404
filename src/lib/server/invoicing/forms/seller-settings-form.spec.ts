import { describe, expect, it } from 'vitest';
import { logoField, MAX_LOGO_BYTES, parseSellerForm, readLogoUpload, sellerField, sellerFormValues, type SellerFormKey } from './seller-settings-form';

/** A filled-in seller form as a browser posts it; `overrides` by schema key. */
function sellerForm(overrides: Partial<Record<SellerFormKey, string>> = {}, logo?: File): FormData {
	const values: Record<SellerFormKey, string> = {
		legalName: 'Ontwerpsessies B.V.',
		street: 'Oudegracht 1',
		postcode: '3511 AA',
		city: 'Utrecht',
		kvk: '12345678',
		vatId: 'NL000099998B57',
		iban: 'NL91ABNA0417164300',
		bic: '',
		paymentTermDays: '30',
		invoiceEmail: 'facturen@ontwerpsessies.test',
		phone: '',
		defaultUblProfile: 'nlcius',
		...overrides
	};
	const form = new FormData();
	for (const [key, value] of Object.entries(values)) form.set(sellerField[key as SellerFormKey], value);
	form.set(logoField.file, logo ?? new File([], '', { type: 'application/octet-stream' }));
	return form;
}

// Real (1×1 pixel) images: the upload is also drawn once, to catch files pdfkit cannot read.
const PNG = [...Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64')];
const JPEG = [
	...Buffer.from(
		'/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
		'base64'
	)
];
const GIF = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];

const file = (bytes: number[], name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });

async function refusal(overrides: Partial<Record<SellerFormKey, string>>) {
	const result = await parseSellerForm(sellerForm(overrides));
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

describe('parseSellerForm', () => {
	it('normalises what people type: IBAN with spaces, btw-id in lower case, postcode without space', async () => {
		const result = await parseSellerForm(
			sellerForm({
				iban: 'nl91 abna 0417 1643 00',
				vatId: 'nl 0000 99998 b57',
				postcode: '3511aa',
				kvk: '1234 5678',
				bic: 'abnanl2a',
				legalName: '  Ontwerpsessies   B.V. ',
				phone: '030 123 45 67'
			})
		);
		expect(result).toEqual({
			ok: true,
			logo: { action: 'keep' },
			input: {
				legalName: 'Ontwerpsessies B.V.',
				street: 'Oudegracht 1',
				postcode: '3511 AA',
				city: 'Utrecht',
				kvk: '12345678',
				vatId: 'NL000099998B57',
				iban: 'NL91ABNA0417164300',
				bic: 'ABNANL2A',
				paymentTermDays: 30,
				invoiceEmail: 'facturen@ontwerpsessies.test',
				phone: '030 123 45 67',
				defaultUblProfile: 'nlcius'
			}
		});
	});

	it('keeps empty optional fields as null', async () => {
		const result = await parseSellerForm(sellerForm());
		expect(result.ok && [result.input.bic, result.input.phone]).toEqual([null, null]);
	});

	it('refuses a malformed KvK-nummer, btw-id and IBAN on their own fields', async () => {
		const errors = await refusal({ kvk: '1234567', vatId: 'NL123456789B01', iban: 'NL91ABNA0417164301' });
		expect(errors).toEqual({
			kvk: 'Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678.',
			'btw-id': expect.stringContaining('Dit btw-identificatienummer klopt niet'),
			iban: expect.stringContaining('Dit IBAN klopt niet')
		});
	});

	it('refuses a payment term of 0 or 365 days, and one that is no number', async () => {
		const message = 'Vul de betaaltermijn in als aantal dagen van 1 tot en met 120, bijvoorbeeld 30.';
		expect(await refusal({ paymentTermDays: '0' })).toEqual({ betaaltermijn: message });
		expect(await refusal({ paymentTermDays: '365' })).toEqual({ betaaltermijn: message });
		expect(await refusal({ paymentTermDays: 'dertig' })).toEqual({ betaaltermijn: message });
		expect((await parseSellerForm(sellerForm({ paymentTermDays: '120' }))).ok).toBe(true);
	});

	it('refuses an e-invoice format outside the two it knows', async () => {
		expect(await refusal({ defaultUblProfile: 'pdf' })).toEqual({
			'e-factuurformaat': 'Kies het formaat van de e-factuur: NLCIUS of Peppol BIS Billing 3.0.'
		});
	});

	it('asks for every required field, in the order of the page', async () => {
		const errors = await refusal({ legalName: ' ', invoiceEmail: 'facturen' });
		expect(Object.keys(errors)).toEqual(['naam', 'factuur-e-mail']);
		expect(errors.naam).toBe('Vul de officiële naam van je organisatie in.');
	});

	it('puts a refused logo on the logo field, next to the other messages', async () => {
		const result = await parseSellerForm(sellerForm({ kvk: 'x' }, file(GIF, 'logo.png', 'image/png')));
		expect(result.ok ? null : Object.keys(result.errors)).toEqual(['kvk', 'logo']);
	});
});

describe('readLogoUpload', () => {
	it('keeps the stored logo when no file is chosen, and removes it when asked', async () => {
		const nothing = new File([], '');
		expect(await readLogoUpload(nothing, false)).toEqual({ ok: true, change: { action: 'keep' } });
		expect(await readLogoUpload(null, false)).toEqual({ ok: true, change: { action: 'keep' } });
		expect(await readLogoUpload(nothing, true)).toEqual({ ok: true, change: { action: 'remove' } });
	});

	it('takes a PNG and a JPEG by their first bytes, whatever the browser says they are', async () => {
		const png = await readLogoUpload(file(PNG, 'logo', 'application/octet-stream'), false);
		expect(png.ok && png.change).toEqual({ action: 'replace', contentType: 'image/png', bytes: new Uint8Array(PNG) });
		const jpeg = await readLogoUpload(file(JPEG, 'logo.png', 'image/png'), false);
		expect(jpeg.ok && jpeg.change.action === 'replace' && jpeg.change.contentType).toBe('image/jpeg');
	});

	it('refuses a PNG that is cut off, which would break every invoice', async () => {
		const cut = await readLogoUpload(file(PNG.slice(0, 30), 'logo.png', 'image/png'), false);
		expect(cut.ok ? null : cut.message).toMatch(/kan niet op een factuur/);
	});

	it('refuses a file that only claims to be a PNG', async () => {
		expect(await readLogoUpload(file(GIF, 'logo.png', 'image/png'), false)).toEqual({
			ok: false,
			message: 'Dit bestand is geen PNG of JPEG. Kies een logo in een van die twee formaten.'
		});
	});

	it('refuses a logo over 256 kB, and takes one of exactly 256 kB', async () => {
		const big = new Uint8Array(MAX_LOGO_BYTES + 1);
		big.set(PNG);
		const tooBig = await readLogoUpload(new File([big], 'logo.png'), false);
		expect(tooBig.ok ? null : tooBig.message).toMatch(/te groot \(257 kB\).*hoogstens 256 kB/);
		const fits = await readLogoUpload(new File([big.subarray(0, MAX_LOGO_BYTES)], 'logo.png'), false);
		expect(fits.ok).toBe(true);
	});

	it('refuses an empty file and a new logo together with "Logo verwijderen"', async () => {
		expect((await readLogoUpload(new File([], 'leeg.png'), false)).ok).toBe(false);
		const both = await readLogoUpload(file(PNG, 'logo.png', 'image/png'), true);
		expect(both.ok ? null : both.message).toContain('niet allebei');
	});
});

describe('sellerFormValues', () => {
	it('starts an empty form with a payment term of 30 days and NLCIUS', () => {
		const values = sellerFormValues(null);
		expect([values.paymentTermDays, values.defaultUblProfile, values.legalName]).toEqual(['30', 'nlcius', '']);
	});

	it('shows the stored IBAN in groups of four, which reads back unchanged', async () => {
		const values = sellerFormValues({
			legalName: 'Ontwerpsessies B.V.',
			street: 'Oudegracht 1',
			postcode: '3511 AA',
			city: 'Utrecht',
			kvk: '12345678',
			vatId: 'NL000099998B57',
			iban: 'NL91ABNA0417164300',
			bic: null,
			paymentTermDays: 14,
			invoiceEmail: 'facturen@ontwerpsessies.test',
			phone: null,
			defaultUblProfile: 'peppol',
			logo: null
		});
		expect(values.iban).toBe('NL91 ABNA 0417 1643 00');
		const result = await parseSellerForm(sellerForm(values));
		expect(result.ok && [result.input.iban, result.input.paymentTermDays, result.input.defaultUblProfile]).toEqual([
			'NL91ABNA0417164300',
			14,
			'peppol'
		]);
	});
});
