import { XMLParser } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEuro } from '../../src/lib/format/nl';
import { connect, type Sql } from '../../src/lib/server/db/database';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { billingRows } from '../../src/lib/server/invoicing/billing-state';
import { findBuyerProfile, otherBuyerKey, saveBuyerProfile } from '../../src/lib/server/invoicing/buyer-profiles';
import { addDays, amsterdamToday } from '../../src/lib/server/invoicing/calendar-date';
import { creditInvoice } from '../../src/lib/server/invoicing/credit-notes';
import { emailDelivery } from '../../src/lib/server/invoicing/delivery';
import { loadFeeSettings } from '../../src/lib/server/invoicing/fee-settings-store';
import type { InvoiceDocument } from '../../src/lib/server/invoicing/invoice-document';
import { eventInvoices, invoiceDetail, invoiceFile, summariseInvoices } from '../../src/lib/server/invoicing/invoice-queries';
import { invoiceRegisterCsv, ublArchive } from '../../src/lib/server/invoicing/invoice-register';
import { InvoicingRefused } from '../../src/lib/server/invoicing/invoicing-refused';
import { issueInvoices } from '../../src/lib/server/invoicing/issue-invoices';
import { takeNextNumber } from '../../src/lib/server/invoicing/numbering';
import { recordPayment } from '../../src/lib/server/invoicing/payments';
import { sendOrderNumberReminders, sendPaymentReminders } from '../../src/lib/server/invoicing/reminders';
import { formatIban } from '../../src/lib/server/invoicing/pdf/seller-details';
import { pdfText as textOfPdf, readable } from '../../src/lib/server/invoicing/pdf/test-pdf-text';
import { validateUbl } from '../../src/lib/server/invoicing/ubl/validate-ubl';
import { cancelRegistration } from '../../src/lib/server/registrations/lifecycle';
import { anonymiseRegistration } from '../../src/lib/server/registrations/privacy';
import { signUp } from '../../src/lib/server/registrations/sign-up';
import { createEvent, ORIGIN, signUpInput } from './support/sign-ups';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

let db: TestDatabase;
const ORGANIZER = 'organisator@ontwerpsessies.test';
const context = { actor: ORGANIZER, delivery: emailDelivery };

beforeAll(async () => {
	db = await createMigratedDatabase();
	// The demo data bring the seller's details (and the demo event's registrations).
	await seedOnce(db.sql, silentLog);
});

afterAll(async () => {
	await db?.drop();
});

/** Signs up participants of Gemeente Utrecht for an event, each with an order number unless told otherwise. */
async function signUpUtrecht(eventId: string, sessionIds: string[], people: { email: string; purchaseOrder?: string | null; pending?: boolean }[]) {
	const ids: string[] = [];
	for (const person of people) {
		const input = signUpInput(
			{ email: person.email, name: `Deelnemer ${person.email.split('@')[0]}`, sessionIds },
			{ organisation: { kind: 'listed', code: 'GM0344' } }
		);
		input.invoice = {
			...input.invoice,
			billingName: 'Gemeente Utrecht',
			billingPostcode: '3500 CE',
			billingCity: 'Utrecht',
			purchaseOrder: person.purchaseOrder === null ? undefined : (person.purchaseOrder ?? `PO-${person.email.split('@')[0]}`),
			purchaseOrderPending: person.pending ?? false
		};
		const result = await signUp(db.sql, eventId, input, { origin: ORIGIN });
		ids.push(...result.participants.map((participant) => participant.id));
	}
	return ids;
}

async function storedInvoice(sql: Sql, number: string) {
	const [row] = await sql<{ id: string; document: InvoiceDocument; ubl_xml: string; pdf: Uint8Array; gross_cents: string; net_cents: string; vat_cents: string }[]>`
		select id, document, ubl_xml, pdf, gross_cents::text, net_cents::text, vat_cents::text from public.invoices where number = ${number}
	`;
	if (!row) throw new Error(`invoice ${number} not found`);
	return row;
}

/** The PDF's text with all whitespace collapsed (a Buffer from the database, as pdf.js wants a Uint8Array). */
const pdfText = (bytes: Uint8Array): Promise<string> => textOfPdf(new Uint8Array(bytes));

const ublParser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });

/** The payable amount in a UBL file, in cents. */
function ublPayableCents(xml: string): number {
	const parsed = ublParser.parse(xml) as Record<string, { LegalMonetaryTotal: { PayableAmount: { '#text': number | string } } }>;
	const root = parsed['Invoice'] ?? parsed['CreditNote'];
	const amount = String(root?.LegalMonetaryTotal.PayableAmount['#text']);
	const [euros, cents = '0'] = amount.split('.');
	return Number(euros) * 100 + Number(cents.padEnd(2, '0'));
}

async function seriesNext(sql: Sql, code: string): Promise<number | null> {
	const [row] = await sql<{ next_number: number }[]>`select next_number from public.invoice_series where code = ${code}`;
	return row?.next_number ?? null;
}

describe('invoice numbers', () => {
	it('gives 50 issues in parallel 50 distinct, consecutive numbers', async () => {
		// A pool of its own, wide enough that the transactions really contend for the series row.
		const pool = connect(db.url, { max: 20 });
		try {
			const taken = await Promise.all(
				Array.from({ length: 50 }, () => pool.begin((tx) => takeNextNumber(tx as unknown as Sql, 'invoice', '2031-03-01')))
			);
			const sequence = taken.map((number) => number.sequenceNumber).sort((a, b) => a - b);
			expect(sequence).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
			expect(new Set(taken.map((number) => number.number)).size).toBe(50);
			expect(taken.every((number) => /^2031-\d{5}$/.test(number.number))).toBe(true);
		} finally {
			await pool.end({ timeout: 5 });
		}
	});

	it('gives the number of a failed issue back, so the series has no gap', async () => {
		const first = await db.sql.begin((tx) => takeNextNumber(tx as unknown as Sql, 'credit-note', '2032-01-10'));
		await expect(
			db.sql.begin(async (tx) => {
				await takeNextNumber(tx as unknown as Sql, 'credit-note', '2032-01-10');
				throw new Error('the PDF could not be made');
			})
		).rejects.toThrow('the PDF could not be made');
		const next = await db.sql.begin((tx) => takeNextNumber(tx as unknown as Sql, 'credit-note', '2032-01-10'));
		expect(first.number).toBe('C2032-00001');
		expect(next.number).toBe('C2032-00002');
	});
});

describe('issuing invoices', () => {
	it('issues one invoice per registration whose UBL, PDF and database agree', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const ids = await signUpUtrecht(eventId, sessionIds, [{ email: 'a1@utrecht.example' }, { email: 'a2@utrecht.example' }]);
		const issued = await issueInvoices(db.sql, { eventId, registrations: 'all-ready', grouping: 'registration' }, { ...context, today: '2033-02-01' });
		expect(issued).toHaveLength(2);
		expect(issued.map((invoice) => invoice.number).sort()).toEqual(['2033-00001', '2033-00002']);

		for (const invoice of issued) {
			const stored = await storedInvoice(db.sql, invoice.number);
			const document = stored.document;
			// 795,00 + 21 % btw, computed here independently of the fee function.
			expect(Number(stored.net_cents)).toBe(79_500);
			expect(Number(stored.vat_cents)).toBe(Math.round(79_500 * 0.21));
			expect(Number(stored.gross_cents)).toBe(document.totals.grossCents);
			expect(ublPayableCents(stored.ubl_xml)).toBe(Number(stored.gross_cents));
			const validation = await validateUbl(stored.ubl_xml, 'invoice');
			expect(validation.xsd.errors).toEqual([]);
			expect(validation.rules.filter((rule) => !rule.passed)).toEqual([]);

			const text = await pdfText(stored.pdf);
			for (const expected of [
				invoice.number,
				formatEuro(Number(stored.gross_cents)),
				document.seller.kvk,
				document.seller.vatId,
				formatIban(document.seller.iban),
				document.buyer.legalName,
				document.orderReference ?? 'missing order reference'
			]) {
				expect(text).toContain(readable(expected));
			}
			expect(document.buyer.oin).toBe('00000001002220647000');
		}

		// Each invoice went to the buyer's accounts-payable address with the PDF and the UBL attached.
		const mails = await db.sql<{ recipient: string; attachments: { filename: string }[] }[]>`
			select o.recipient, o.attachments from public.invoice_deliveries d join public.outbox o on o.id = d.outbox_id
			where d.invoice_id = any(${issued.map((invoice) => invoice.id)}::uuid[])
		`;
		expect(mails).toHaveLength(2);
		for (const mail of mails) {
			expect(mail.recipient).toBe('facturen@example.nl');
			expect(mail.attachments.map((attachment) => attachment.filename).sort()).toEqual(
				expect.arrayContaining([expect.stringMatching(/^factuur-2033-\d{5}\.pdf$/), expect.stringMatching(/^factuur-2033-\d{5}\.xml$/)])
			);
		}
		const rows = await billingRows(db.sql, eventId, (await loadFeeSettings(db.sql, eventId))!, ids);
		expect(rows.map((row) => row.stage)).toEqual(['invoiced', 'invoiced']);
	});

	it('puts the participants of one organisation and order number on one invoice when asked', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		await signUpUtrecht(eventId, sessionIds, [
			{ email: 'b1@utrecht.example', purchaseOrder: 'PO-SAMEN' },
			{ email: 'b2@utrecht.example', purchaseOrder: 'PO-SAMEN' },
			{ email: 'b3@utrecht.example', purchaseOrder: 'PO-ANDERS' }
		]);
		const ids = await db.sql<{ id: string; email: string }[]>`select id, email from public.registrations where event_id = ${eventId}`;
		const issued = await issueInvoices(db.sql, { eventId, registrations: 'all-ready', grouping: 'organisation' }, { ...context, today: '2033-03-01' });
		const documents = await Promise.all(issued.map(async (invoice) => ({ number: invoice.number, lines: (await storedInvoice(db.sql, invoice.number)).document.lines.length })));
		expect(documents.map((document) => document.lines).sort()).toEqual([1, 2]);
		const together = documents.find((document) => document.lines === 2)!;
		const alone = documents.find((document) => document.lines === 1)!;

		// Through a personal link, only an invoice about that participant alone can be downloaded:
		// the shared one names a colleague.
		const idOf = (email: string) => ids.find((row) => row.email === email)!.id;
		expect(await invoiceFile(db.sql, { registrationId: idOf('b1@utrecht.example'), number: together.number }, 'pdf')).toBeNull();
		expect(await invoiceFile(db.sql, { registrationId: idOf('b3@utrecht.example'), number: alone.number }, 'pdf')).not.toBeNull();
		expect(await invoiceFile(db.sql, { eventId, number: together.number }, 'pdf')).not.toBeNull();
	});

	it('invoices a registration once when two organizers press the button at the same moment', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const [id] = await signUpUtrecht(eventId, sessionIds, [{ email: 'dubbel@utrecht.example' }]);
		const outcomes = await Promise.allSettled([
			issueInvoices(db.sql, { eventId, registrations: [id!] }, { ...context, today: '2033-03-02' }),
			issueInvoices(db.sql, { eventId, registrations: [id!] }, { ...context, today: '2033-03-02' })
		]);
		expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ reason: 'nothing-to-invoice' });
		expect((refused.reason as Error).message).toContain('al gefactureerd');
		const [count] = await db.sql<{ count: number }[]>`select count(*)::int as count from public.invoice_registrations where registration_id = ${id!}`;
		expect(count?.count).toBe(1);
	});

	it('keeps issued invoices unchangeable in the database itself', async () => {
		const [invoice] = await db.sql<{ id: string }[]>`select id from public.invoices limit 1`;
		await expect(db.sql`update public.invoices set net_cents = 1, gross_cents = 1 + vat_cents where id = ${invoice!.id}`).rejects.toThrow(/cannot be changed/);
		await expect(db.sql`delete from public.invoices where id = ${invoice!.id}`).rejects.toThrow(/cannot be changed/);
	});

	it('refuses an invoice without order number or reference, and writes nothing', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const [waiting] = await signUpUtrecht(eventId, sessionIds, [{ email: 'c1@utrecht.example', purchaseOrder: null, pending: true }]);
		const before = await seriesNext(db.sql, '2033');
		const error = await issueInvoices(db.sql, { eventId, registrations: [waiting!] }, { ...context, today: '2033-04-01' }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(InvoicingRefused);
		expect((error as InvoicingRefused).reason).toBe('no-reference');
		expect((error as InvoicingRefused).message).toMatch(/inkoopordernummer/);
		expect(await seriesNext(db.sql, '2033')).toBe(before);
		const [count] = await db.sql<{ count: number }[]>`select count(*)::int as count from public.invoice_registrations where registration_id = ${waiting!}`;
		expect(count?.count).toBe(0);
		// The participant is reminded once a week to supply the number.
		const now = new Date('2033-04-01T10:00:00Z');
		expect(await sendOrderNumberReminders(db.sql, { origin: ORIGIN, now })).toBeGreaterThanOrEqual(1);
		const [reminded] = await db.sql<{ count: number }[]>`
			select count(*)::int as count from public.outbox where registration_id = ${waiting!} and kind = 'registration-order-number-reminder'
		`;
		expect(reminded?.count).toBe(1);
		await sendOrderNumberReminders(db.sql, { origin: ORIGIN, now: new Date('2033-04-03T10:00:00Z') });
		const [again] = await db.sql<{ count: number }[]>`
			select count(*)::int as count from public.outbox where registration_id = ${waiting!} and kind = 'registration-order-number-reminder'
		`;
		expect(again?.count).toBe(1);
	});

	it('waits for the buyer’s KvK number or OIN before an e-invoice can go out (BR-NL-10)', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		// Gemeente Groningen has no buyer profile in the demo data.
		const input = signUpInput({ email: 'groningen@groningen.example', sessionIds }, { organisation: { kind: 'listed', code: 'GM0014' } });
		input.invoice = { ...input.invoice, billingName: 'Gemeente Groningen', purchaseOrder: 'PO-GRO-1' };
		const [participant] = (await signUp(db.sql, eventId, input, { origin: ORIGIN })).participants;
		const fee = (await loadFeeSettings(db.sql, eventId))!;
		expect((await billingRows(db.sql, eventId, fee, [participant!.id]))[0]?.stage).toBe('awaiting-buyer-id');
		await expect(issueInvoices(db.sql, { eventId, registrations: [participant!.id] }, context)).rejects.toMatchObject({ reason: 'no-buyer-id' });

		await db.sql`
			insert into public.buyer_profiles (organisation_code, legal_name, street, postcode, city, oin, billing_email)
			values ('GM0014', 'Gemeente Groningen', 'Postbus 30026', '9700 RM', 'Groningen', '00000001005678901000', 'crediteuren@groningen.example')
		`;
		const [invoice] = await issueInvoices(db.sql, { eventId, registrations: [participant!.id] }, { ...context, today: '2033-06-01' });
		const stored = await storedInvoice(db.sql, invoice!.number);
		// The organizer's profile names the buyer, not what the participant typed.
		expect(stored.document.buyer).toMatchObject({ legalName: 'Gemeente Groningen', oin: '00000001005678901000', email: 'crediteuren@groningen.example' });
		expect(stored.ubl_xml).toContain('00000001005678901000');
	});

	it('keeps one profile per other public body, also when two organizers save it at once', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const input = signUpInput({ email: 'ws@waterschap.example', sessionIds }, { organisation: { kind: 'other', name: 'Waterschap De Dommel' } });
		await signUp(db.sql, eventId, input, { origin: ORIGIN });
		const profile = (email: string) => ({
			legalName: 'Waterschap De Dommel',
			department: null,
			street: 'Postbus 10.001',
			postcode: '5280 DA',
			city: 'Boxtel',
			kvk: null,
			oin: '00000001234567890000',
			peppolId: null,
			billingEmail: email,
			ublProfile: null
		});
		const key = otherBuyerKey('Waterschap De Dommel');
		await Promise.all([
			saveBuyerProfile(db.sql, key, profile('een@dommel.example'), ORGANIZER),
			saveBuyerProfile(db.sql, key, profile('twee@dommel.example'), ORGANIZER)
		]);
		const rows = await db.sql`select billing_email from public.buyer_profiles where lower(organisation_other) = 'waterschap de dommel'`;
		expect(rows).toHaveLength(1);
		expect((await findBuyerProfile(db.sql, key))?.oin).toBe('00000001234567890000');
	});

	it('refuses to invoice without the seller’s details', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		await signUpUtrecht(eventId, sessionIds, [{ email: 'd1@utrecht.example' }]);
		const seller = await db.sql`select * from public.seller_settings`;
		await db.sql`delete from public.seller_settings`;
		try {
			await expect(issueInvoices(db.sql, { eventId, registrations: 'all-ready' }, context)).rejects.toMatchObject({ reason: 'no-seller' });
		} finally {
			await db.sql`insert into public.seller_settings ${db.sql(seller[0]!)}`;
		}
	});
});

describe('corrections and payments', () => {
	it('credits an invoice after a late cancellation and invoices the cancellation fee', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		await db.sql`update public.events set free_cancellation_until = '2020-01-01', cancellation_fee_cents = 25000 where id = ${eventId}`;
		const [id] = await signUpUtrecht(eventId, sessionIds, [{ email: 'e1@utrecht.example' }]);
		const [invoice] = await issueInvoices(db.sql, { eventId, registrations: [id!] }, { ...context, today: '2033-05-01' });
		await cancelRegistration(db.sql, id!, { actor: ORGANIZER, origin: ORIGIN });
		const fee = (await loadFeeSettings(db.sql, eventId))!;
		expect((await billingRows(db.sql, eventId, fee, [id!]))[0]?.stage).toBe('needs-correction');

		const credit = await creditInvoice(db.sql, invoice!.id, 'aanmelding geannuleerd', { ...context, today: '2033-05-10' });
		expect(credit.number).toMatch(/^C2033-\d{5}$/);
		const stored = await storedInvoice(db.sql, credit.number);
		expect(stored.document.credits).toEqual({ number: invoice!.number, issueDate: '2033-05-01' });
		expect(stored.ubl_xml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
		expect(stored.ubl_xml).toContain(invoice!.number);
		const validation = await validateUbl(stored.ubl_xml, 'credit-note');
		expect(validation.valid).toBe(true);
		expect(ublPayableCents(stored.ubl_xml)).toBe(Number(stored.gross_cents));
		expect(await pdfText(stored.pdf)).toContain(invoice!.number);
		await expect(creditInvoice(db.sql, invoice!.id, 'nog eens', context)).rejects.toMatchObject({ reason: 'already-credited' });

		// Now the registration owes the cancellation fee, and that is invoiced anew.
		const [row] = await billingRows(db.sql, eventId, fee, [id!]);
		expect(row?.stage).toBe('ready');
		expect(row?.charge.netCents).toBe(25_000);
		const [again] = await issueInvoices(db.sql, { eventId, registrations: [id!] }, { ...context, today: '2033-05-10' });
		expect(Number((await storedInvoice(db.sql, again!.number)).net_cents)).toBe(25_000);
	});

	it('owes nothing after a cancellation the organizer waived', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		await db.sql`update public.events set free_cancellation_until = '2020-01-01' where id = ${eventId}`;
		const [id] = await signUpUtrecht(eventId, sessionIds, [{ email: 'f1@utrecht.example' }]);
		await cancelRegistration(db.sql, id!, { actor: ORGANIZER, origin: ORIGIN }, { waiveFee: true });
		const [row] = await billingRows(db.sql, eventId, (await loadFeeSettings(db.sql, eventId))!, [id!]);
		expect(row?.stage).toBe('nothing-owed');
	});

	it('keeps invoiced places settled when the price, a colleague or the retention sweep changes things', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		await db.sql`
			update public.events set further_participant_discount_cents = 10000, free_cancellation_until = '2020-01-01', cancellation_fee_cents = 25000
			where id = ${eventId}
		`;
		const [first, second, third] = await signUpUtrecht(eventId, sessionIds, [
			{ email: 'k1@utrecht.example' },
			{ email: 'k2@utrecht.example' },
			{ email: 'k3@utrecht.example' }
		]);
		await issueInvoices(db.sql, { eventId, registrations: [second!, third!] }, { ...context, today: '2033-07-01' });
		const stages = async () => {
			const rows = await billingRows(db.sql, eventId, (await loadFeeSettings(db.sql, eventId))!, [first!, second!, third!]);
			return Object.fromEntries(rows.map((row) => [row.registrationId, { stage: row.stage, net: row.charge.netCents }]));
		};
		// The second and third places carry the discount.
		expect((await stages())[second!]).toEqual({ stage: 'invoiced', net: 69_500 });

		// The first colleague cancels (late): the others keep their rank and their invoices stay right.
		await cancelRegistration(db.sql, first!, { actor: ORGANIZER, origin: ORIGIN });
		let now = await stages();
		expect(now[first!]).toEqual({ stage: 'ready', net: 25_000 });
		expect(now[second!]).toEqual({ stage: 'invoiced', net: 69_500 });

		// A new price applies to new invoices only.
		await db.sql`update public.events set fee_cents = 89500 where id = ${eventId}`;
		now = await stages();
		expect(now[third!]?.stage).toBe('invoiced');

		// Anonymising (the retention sweep) is no cancellation: nothing is to be corrected or charged.
		await anonymiseRegistration(db.sql, third!, ORGANIZER);
		const { eventId: otherEvent, sessionIds: otherSessions } = await createEvent(db.sql);
		const [neverInvoiced] = await signUpUtrecht(otherEvent, otherSessions, [{ email: 'k4@utrecht.example' }]);
		await anonymiseRegistration(db.sql, neverInvoiced!, ORGANIZER);
		expect((await stages())[third!]?.stage).toBe('invoiced');
		const [anonymous] = await billingRows(db.sql, otherEvent, (await loadFeeSettings(db.sql, otherEvent))!, [neverInvoiced!]);
		expect(anonymous?.stage).toBe('nothing-owed');
	});

	it('records partial payments, refuses too much, and reminds when overdue', async () => {
		// Reminders remember when they went out by the clock, so this test runs on today's dates:
		// issued 45 days ago, due 15 days ago.
		const today = amsterdamToday();
		const issueDate = addDays(today, -45);
		const dueDate = addDays(issueDate, 30);
		const { eventId, sessionIds } = await createEvent(db.sql);
		const [id] = await signUpUtrecht(eventId, sessionIds, [{ email: 'g1@utrecht.example' }]);
		const [invoice] = await issueInvoices(db.sql, { eventId, registrations: [id!] }, { ...context, today: issueDate });
		const gross = 79_500 + Math.round(79_500 * 0.21);

		const firstPaid = addDays(issueDate, 10);
		// The same form sent twice (a double click without JavaScript) books the payment once.
		const form = { actor: ORGANIZER, today: firstPaid, requestId: '6f1c2c1e-3b7a-4e59-9a53-0d1f0c0e7a11' };
		const once = { paidOn: firstPaid, amountCents: 50_000, note: 'eerste deel' };
		expect(await recordPayment(db.sql, invoice!.id, once, form)).toBe('recorded');
		expect(await recordPayment(db.sql, invoice!.id, once, form)).toBe('already-recorded');
		let detail = await invoiceDetail(db.sql, eventId, invoice!.number, addDays(firstPaid, 1));
		expect(detail?.status).toBe('open');
		expect(detail?.outstandingCents).toBe(gross - 50_000);

		await expect(
			recordPayment(db.sql, invoice!.id, { paidOn: firstPaid, amountCents: gross, note: null }, { actor: ORGANIZER, today })
		).rejects.toMatchObject({ reason: 'payment-too-large' });
		await expect(
			recordPayment(db.sql, invoice!.id, { paidOn: addDays(today, 1), amountCents: 100, note: null }, { actor: ORGANIZER, today })
		).rejects.toMatchObject({ reason: 'payment-date' });

		// Overdue: a reminder a week or more after the due date, and not another one straight after.
		detail = await invoiceDetail(db.sql, eventId, invoice!.number, addDays(dueDate, 1));
		expect(detail?.status).toBe('overdue');
		const reminders = async () =>
			(await db.sql<{ count: number }[]>`
				select count(*)::int as count from public.invoice_deliveries where invoice_id = ${invoice!.id} and purpose = 'reminder'
			`)[0]?.count;
		await sendPaymentReminders(db.sql, { ...context, actor: 'systeem', today: addDays(dueDate, 6) });
		expect(await reminders()).toBe(0);
		expect(await sendPaymentReminders(db.sql, { ...context, actor: 'systeem', today })).toBeGreaterThanOrEqual(1);
		expect(await reminders()).toBe(1);
		await sendPaymentReminders(db.sql, { ...context, actor: 'systeem', today });
		expect(await reminders()).toBe(1);
		const [mail] = await db.sql<{ subject: string; text_body: string }[]>`
			select o.subject, o.text_body from public.invoice_deliveries d join public.outbox o on o.id = d.outbox_id
			where d.invoice_id = ${invoice!.id} and d.purpose = 'reminder'
		`;
		expect(mail?.subject).toContain(`Herinnering: factuur ${invoice!.number}`);
		expect(mail?.text_body).toContain(formatEuro(gross - 50_000));

		await recordPayment(db.sql, invoice!.id, { paidOn: today, amountCents: gross - 50_000, note: null }, { actor: ORGANIZER, today });
		detail = await invoiceDetail(db.sql, eventId, invoice!.number, today);
		expect(detail?.status).toBe('paid');
		expect(detail?.payments.map((payment) => payment.amountCents)).toEqual([50_000, gross - 50_000]);
	});

	it('exports the register and the UBL files of a period for the bookkeeper', async () => {
		const { eventId, sessionIds } = await createEvent(db.sql);
		const [id] = await signUpUtrecht(eventId, sessionIds, [{ email: 'h1@utrecht.example' }]);
		const [invoice] = await issueInvoices(db.sql, { eventId, registrations: [id!] }, { ...context, today: '2035-06-01' });
		const credit = await creditInvoice(db.sql, invoice!.id, 'dubbel gefactureerd', { ...context, today: '2035-06-02' });

		const items = await eventInvoices(db.sql, eventId, '2035-06-03');
		const summary = summariseInvoices(items);
		expect(summary.invoicedCents).toBe(invoice!.grossCents);
		expect(summary.creditedCents).toBe(credit.grossCents);
		expect(summary.outstandingCents).toBe(0);

		const csv = invoiceRegisterCsv(items);
		expect(csv.startsWith('\ufeff')).toBe(true);
		expect(csv).toContain(`${invoice!.number};Factuur;01-06-2035`);
		expect(csv).toContain(`${credit.number};Creditnota;02-06-2035`);
		// Amounts stay numbers for Excel: no apostrophe in front of a credit note's minus sign.
		expect(csv).toContain(';-961,95;');

		const { zip, count } = await ublArchive(db.sql, eventId, { from: '2035-06-01', to: '2035-06-30' });
		expect(count).toBe(2);
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual([`creditnota-${credit.number}.xml`, `factuur-${invoice!.number}.xml`]);
		expect(strFromU8(files[`factuur-${invoice!.number}.xml`]!)).toContain('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>');
		expect((await ublArchive(db.sql, eventId, { from: '2035-07-01', to: '2035-07-31' })).count).toBe(0);
	});
});

describe('fee settings in the database', () => {
	it('refuses absurd or inconsistent fee settings whatever code writes them', async () => {
		const { eventId } = await createEvent(db.sql);
		await expect(db.sql`update public.events set fee_cents = -1 where id = ${eventId}`).rejects.toThrow(/check/);
		await expect(db.sql`update public.events set fee_cents = 100000001 where id = ${eventId}`).rejects.toThrow(/check/);
		await expect(db.sql`update public.events set vat_mode = 'zero' where id = ${eventId}`).rejects.toThrow(/check/);
		await expect(db.sql`update public.events set vat_mode = 'exempt' where id = ${eventId}`).rejects.toThrow(/events_exemption_has_text/);
		await expect(db.sql`update public.events set further_participant_discount_cents = 90000 where id = ${eventId}`).rejects.toThrow(/events_discount_within_fee/);
	});
});
