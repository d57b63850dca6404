import type { FeeSettings } from '$lib/fees/fee-settings';
import { vatSummary } from '$lib/fees/vat-summary';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { lockEvent } from '../registrations/seats';
import { billingRows, buyerReferenceOf, type BillingRow, type BillingStage } from './billing-state';
import { findBuyerProfile } from './buyer-profiles';
import { addDays, amsterdamToday, formatCalendarDate } from './calendar-date';
import type { InvoiceDelivery } from './delivery';
import { loadFeeSettings, loadInvoicingOptions } from './fee-settings-store';
import type { Buyer, InvoiceDocument, InvoiceLine } from './invoice-document';
import { InvoicingRefused } from './invoicing-refused';
import { takeNextNumber } from './numbering';
import { renderInvoicePdf } from './pdf/invoice-pdf';
import { loadSellerSettings, sellerForDocument, type SellerSettings } from './seller-settings';
import { storeIssuedDocument, type IssuedInvoice } from './store-issued';
import { toUblXml } from './ubl/ubl-xml';
import { validateUbl } from './ubl/validate-ubl';

export interface IssueRequest {
	eventId: string;
	/** Specific registrations (each must be ready), or every registration that is ready. */
	registrations: string[] | 'all-ready';
	/** Defaults to the event's setting. */
	grouping?: 'registration' | 'organisation';
}

export interface IssueContext {
	actor: string;
	delivery: InvoiceDelivery;
	/** For tests: the issue date (Amsterdam calendar date). */
	today?: string;
}

/** Why a registration cannot be invoiced now, in Dutch. */
const NOT_READY: Record<Exclude<BillingStage, 'ready'>, string> = {
	'nothing-owed': 'is niets verschuldigd (wachtlijst, kosteloos geannuleerd of gratis)',
	'awaiting-reference': 'wacht op een inkoopordernummer of een referentie van de afnemer',
	'awaiting-buyer-id':
		'kan nog niet worden gefactureerd: een e-factuur aan een Nederlandse overheid vermeldt haar KvK-nummer of OIN. Vul dat in bij Beheer › Facturering › Debiteuren',
	invoiced: 'is al gefactureerd',
	'needs-correction': 'heeft een factuur die niet meer klopt: crediteer die eerst'
};

/** What the event is called and when its sessions are: the "what and when" of every line. */
async function eventFacts(tx: Sql, eventId: string): Promise<{ title: string; dates: string[] }> {
	// In date order (not by position), so the service period never ends before it starts (BR-30).
	const [event] = await tx<{ title: string; dates: string[] }[]>`
		select e.title,
			coalesce((select array_agg(distinct to_char(s.starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD'))
				from public.event_sessions s where s.event_id = e.id), '{}') as dates
		from public.events e where e.id = ${eventId}
	`;
	if (!event) throw new InvoicingRefused('not-found', 'Dit evenement bestaat niet (meer).');
	// An invoice names when the service is delivered: an event without sessions has no such date yet.
	if (event.dates.length === 0) {
		throw new InvoicingRefused('nothing-to-invoice', 'Dit evenement heeft nog geen sessies met een datum; een factuur moet de datum van de dienst noemen.');
	}
	return { title: event.title, dates: [...event.dates].sort() };
}

/** `26 september en 31 oktober 2019`-style list of the session days. */
function sessionDays(dates: string[]): string {
	const days = dates.map(formatCalendarDate);
	return days.length <= 1 ? (days[0] ?? '') : `${days.slice(0, -1).join(', ')} en ${days.at(-1)}`;
}

type BillingDetails = { id: string; billing_department: string | null };

function lineFor(row: BillingRow, index: number, facts: { title: string; dates: string[] }, fee: FeeSettings): InvoiceLine {
	const what = row.charge.kind === 'cancellation' ? 'Annuleringskosten' : 'Deelname';
	const days = sessionDays(facts.dates);
	const first = facts.dates[0] ?? '';
	return {
		id: String(index + 1),
		description: `${what} ${facts.title}${days ? ` (${days})` : ''} – ${row.name}`,
		itemName: `${what} ${facts.title}`.slice(0, 200),
		period: { start: first, end: facts.dates.at(-1) ?? first },
		quantity: 1,
		unitNetCents: row.charge.unitNetCents,
		discountCents: row.charge.discountCents,
		discountReason: row.charge.discountCents > 0 ? 'Korting volgende deelnemer van dezelfde organisatie' : null,
		netCents: row.charge.netCents,
		vatCategory: row.charge.vatCategory,
		vatRateBp: fee.vatMode === 'exempt' ? 0 : row.charge.vatRateBp
	};
}

/**
 * The buyer as the invoice names it: the organizer's profile of the organisation (a registration
 * is only ready once that holds the KvK number or OIN an e-invoice needs). The participant's
 * "afdeling / t.a.v." is used when the profile has none.
 */
async function buyerFor(tx: Sql, row: BillingRow, details: BillingDetails, seller: SellerSettings): Promise<{ buyer: Buyer; profile: 'nlcius' | 'peppol' }> {
	const profile = await findBuyerProfile(tx, row.buyerKey);
	if (!profile) throw new Error(`registration ${row.registrationId} was ready without a buyer profile`);
	return {
		buyer: {
			legalName: profile.legalName,
			department: profile.department ?? details.billing_department,
			address: { street: profile.street, postcode: profile.postcode, city: profile.city, countryCode: 'NL' },
			kvk: profile.kvk,
			oin: profile.oin,
			peppolId: profile.peppolId,
			email: profile.billingEmail
		},
		profile: profile.ublProfile ?? seller.defaultUblProfile
	};
}

/** The Dutch list of rule failures an organizer sees when a document does not pass. */
export function validationMessage(validation: Awaited<ReturnType<typeof validateUbl>>, what: string): string {
	const problems = [
		...validation.xsd.errors.slice(0, 3).map((error) => `UBL-schema: ${error}`),
		...validation.rules.filter((rule) => !rule.passed).map((rule) => rule.message)
	];
	return `${what} voldoet niet aan de regels en is daarom niet uitgegeven (er is niets uitgegeven): ${problems.join(' ')}`;
}

/**
 * Issues invoices for registrations that are ready, in one transaction under the event's lock
 * (so no cancellation or substitution changes what is owed halfway): one per registration or
 * one per organisation and order reference. Each document is checked against the UBL 2.1 XSD
 * and the Dutch rules before it is stored; one that fails rolls everything back, so no number
 * is used up and nothing is half-written. The invoices go out through `delivery`.
 */
export async function issueInvoices(sql: Sql, request: IssueRequest, context: IssueContext): Promise<IssuedInvoice[]> {
	return sql.begin(async (transaction) => {
		const tx = transaction as unknown as Sql;
		if (!(await lockEvent(tx, request.eventId))) throw new InvoicingRefused('not-found', 'Dit evenement bestaat niet (meer).');
		const fee = await loadFeeSettings(tx, request.eventId);
		const options = await loadInvoicingOptions(tx, request.eventId);
		if (!fee || !options) throw new InvoicingRefused('not-found', 'Dit evenement bestaat niet (meer).');
		const seller = await loadSellerSettings(tx);
		if (!seller) {
			throw new InvoicingRefused(
				'no-seller',
				'Vul eerst de gegevens van je organisatie in (naam, adres, KvK-nummer, btw-nummer, IBAN) bij Beheer › Facturering. Die staan op elke factuur.'
			);
		}

		const only = request.registrations === 'all-ready' ? undefined : request.registrations;
		const rows = await billingRows(tx, request.eventId, fee, only);
		if (only) {
			const missing = only.filter((id) => !rows.some((row) => row.registrationId === id));
			if (missing.length > 0) throw new InvoicingRefused('not-found', 'Deze aanmelding hoort niet bij dit evenement.');
			const blocked = rows.find((row) => row.stage !== 'ready');
			if (blocked) {
				throw new InvoicingRefused(
					blocked.stage === 'awaiting-reference' ? 'no-reference' : blocked.stage === 'awaiting-buyer-id' ? 'no-buyer-id' : 'nothing-to-invoice',
					`De aanmelding van ${blocked.name} ${NOT_READY[blocked.stage as Exclude<BillingStage, 'ready'>]}.`
				);
			}
		}
		const ready = rows.filter((row) => row.stage === 'ready');
		if (ready.length === 0) throw new InvoicingRefused('nothing-to-invoice', 'Er zijn geen aanmeldingen die nu gefactureerd kunnen worden.');

		const detailRows = await tx<BillingDetails[]>`
			select id, billing_department
			from public.registrations where id = any(${ready.map((row) => row.registrationId)}::uuid[])
		`;
		const details = new Map(detailRows.map((row) => [row.id, row]));
		const facts = await eventFacts(tx, request.eventId);
		const grouping = request.grouping ?? options.invoiceGrouping;

		// Registrations invoiced together must agree on who pays and under which order number and reference.
		const groups = new Map<string, BillingRow[]>();
		for (const row of ready) {
			const key =
				grouping === 'organisation' ? [row.buyerKey, row.purchaseOrder ?? '', buyerReferenceOf(row) ?? ''].join('\u0000') : row.registrationId;
			groups.set(key, [...(groups.get(key) ?? []), row]);
		}

		const today = context.today ?? amsterdamToday();
		const issued: IssuedInvoice[] = [];
		for (const members of groups.values()) {
			const first = members[0]!;
			const detail = details.get(first.registrationId);
			if (!detail) throw new Error(`billing details of ${first.registrationId} vanished under the event lock`);
			const { buyer, profile } = await buyerFor(tx, first, detail, seller);
			const lines = members.map((row, index) => lineFor(row, index, facts, fee));
			const summary = vatSummary(lines, fee.vatMode === 'exempt' ? fee.exemptionText : null);
			const taken = await takeNextNumber(tx, 'invoice', today);
			const document: InvoiceDocument = {
				kind: 'invoice',
				number: taken.number,
				issueDate: today,
				dueDate: addDays(today, seller.paymentTermDays),
				currency: 'EUR',
				profile,
				seller: sellerForDocument(seller),
				buyer,
				buyerReference: buyerReferenceOf(first),
				orderReference: first.purchaseOrder,
				lines,
				vat: summary.vat,
				totals: summary.totals,
				paymentTermDays: seller.paymentTermDays,
				paymentTerms: `Betaling binnen ${seller.paymentTermDays} dagen na factuurdatum, uiterlijk ${formatCalendarDate(addDays(today, seller.paymentTermDays))}, op ${seller.iban} t.n.v. ${seller.legalName} onder vermelding van factuurnummer ${taken.number}.`,
				paymentReference: taken.number,
				subject: facts.title,
				note: null,
				credits: null
			};
			const ublXml = toUblXml(document);
			const validation = await validateUbl(ublXml, 'invoice');
			if (!validation.valid) {
				const who = members.map((row) => row.name).join(', ');
				throw new InvoicingRefused('invalid-document', validationMessage(validation, `De e-factuur aan ${buyer.legalName} (${who})`));
			}
			const pdf = await renderInvoicePdf(document);
			const invoice = await storeIssuedDocument(tx, {
				eventId: request.eventId,
				taken,
				document,
				buyerKey: first.buyerKey,
				ublXml,
				pdf,
				validation,
				actor: context.actor,
				covers: members.map((row) => ({ registrationId: row.registrationId, netCents: row.charge.netCents })),
				creditsInvoiceId: null
			});
			for (const row of members) {
				await recordAudit(tx, {
					actor: context.actor,
					action: 'invoice.issued',
					eventId: request.eventId,
					registrationId: row.registrationId,
					details: { number: taken.number, netCents: row.charge.netCents }
				});
			}
			await context.delivery.deliver(
				tx,
				{ id: invoice.id, document, pdf, ublXml, ...(members.length === 1 ? { registrationId: first.registrationId } : {}) },
				{ kind: 'invoice' },
				context.actor
			);
			issued.push(invoice);
		}
		return issued;
	}) as Promise<IssuedInvoice[]>;
}
