// `npm run bench:invoicing`: what issuing costs. Prints figures; asserts nothing.
//   1. one UBL validation (XSD + Dutch rules) and one PDF, each on their own, BENCH_ROUNDS times;
//   2. issuing BENCH_INVOICES invoices one by one, and all at once as one batch, on embedded PostgreSQL
//      (number, snapshot, UBL, validation, PDF, storage and the outbox mail per invoice).
//
//   BENCH_ROUNDS=20 BENCH_INVOICES=30 npm run bench:invoicing
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { connect, type Sql } from '../src/lib/server/db/database';
import { startEmbeddedPostgres } from '../src/lib/server/db/embedded-postgres';
import { applySupabaseCompat, migrate, seedOnce } from '../src/lib/server/db/migrations';
import { emailDelivery } from '../src/lib/server/invoicing/delivery';
import { issueInvoices } from '../src/lib/server/invoicing/issue-invoices';
import { renderInvoicePdf } from '../src/lib/server/invoicing/pdf/invoice-pdf';
import { testInvoice } from '../src/lib/server/invoicing/test-documents';
import { toUblXml } from '../src/lib/server/invoicing/ubl/ubl-xml';
import { validateUbl } from '../src/lib/server/invoicing/ubl/validate-ubl';
import { signUp } from '../src/lib/server/registrations/sign-up';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 30);
const log = pino({ level: 'warn' });

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
	return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const result = await work();
	return [result, performance.now() - start];
}

async function signUpMany(sql: Sql, eventId: string, sessionIds: string[], count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const result = await signUp(
			sql,
			eventId,
			{
				organisation: { kind: 'listed', code: 'GM0344' },
				hasInnovationScheme: 'ja',
				participants: [{ name: `Deelnemer ${index}`, email: `bench-${eventId.slice(0, 8)}-${index}@utrecht.example`, jobTitle: 'Adviseur', sessionIds, participantListConsent: false }],
				invoice: {
					billingName: 'Gemeente Utrecht',
					billingStreet: 'Postbus 16200',
					billingPostcode: '3500 CE',
					billingCity: 'Utrecht',
					billingEmail: 'facturen@utrecht.example',
					purchaseOrder: `PO-${index}`,
					purchaseOrderPending: false
				},
				privacyConsent: true
			},
			{ origin: 'http://bench.test' }
		);
		ids.push(...result.participants.map((participant) => participant.id));
	}
	return ids;
}

async function newEvent(sql: Sql): Promise<{ eventId: string; sessionIds: string[] }> {
	const [event] = await sql<{ id: string }[]>`
		insert into public.events (slug, status, published_at, title, fee_cents)
		values (${`bench-${Math.random().toString(36).slice(2, 10)}`}, 'published', now(), 'Benchmark', 79500) returning id
	`;
	const sessions = await sql<{ id: string }[]>`
		insert into public.event_sessions (event_id, position, title, starts_at, ends_at)
		values (${event!.id}, 1, 'Sessie', '2030-03-04 13:30+01', '2030-03-04 17:00+01') returning id
	`;
	return { eventId: event!.id, sessionIds: sessions.map((session) => session.id) };
}

const document = testInvoice();
const xml = toUblXml(document);
const validations: number[] = [];
const pdfs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
	validations.push((await timed(() => validateUbl(xml, 'invoice')))[1]);
	pdfs.push((await timed(() => renderInvoicePdf(document)))[1]);
}
console.log(`UBL validation (XSD + Dutch rules), ${ROUNDS}×: ${summary(validations)}`);
console.log(`Invoice PDF, ${ROUNDS}×: ${summary(pdfs)}`);

const dir = mkdtempSync(path.join(tmpdir(), 'bench-invoicing-'));
const embedded = await startEmbeddedPostgres(dir, log);
const sql = connect(embedded.url, { max: 8 });
try {
	await applySupabaseCompat(sql);
	await migrate(sql, log);
	await seedOnce(sql, log);

	const single = await newEvent(sql);
	const singleIds = await signUpMany(sql, single.eventId, single.sessionIds, INVOICES);
	const each: number[] = [];
	for (const id of singleIds) {
		each.push((await timed(() => issueInvoices(sql, { eventId: single.eventId, registrations: [id] }, { actor: 'bench', delivery: emailDelivery })))[1]);
	}
	console.log(`Issuing one invoice (end to end, in its transaction), ${INVOICES}×: ${summary(each)}`);

	const batch = await newEvent(sql);
	await signUpMany(sql, batch.eventId, batch.sessionIds, INVOICES);
	const [issued, batchMs] = await timed(() =>
		issueInvoices(sql, { eventId: batch.eventId, registrations: 'all-ready', grouping: 'registration' }, { actor: 'bench', delivery: emailDelivery })
	);
	console.log(`Issuing ${issued.length} invoices as one batch: ${(batchMs / 1000).toFixed(1)} s (${(batchMs / issued.length).toFixed(0)} ms each; the event is locked meanwhile)`);
} finally {
	await sql.end({ timeout: 5 });
	await embedded.stop();
	rmSync(dir, { recursive: true, force: true });
	rmSync(`${dir}.credentials.json`, { force: true });
}
