import { stringify } from 'csv-stringify/sync';
import { zipSync, strToU8 } from 'fflate';
import type { Sql } from '../db/database';
import { neutraliseFormula } from '../registrations/export-csv';
import { invoiceStatusLabel } from '$lib/invoicing/labels';
import type { InvoiceListItem } from './invoice-queries';

/**
 * What the bookkeeper takes out of the app: the invoice register as CSV for Dutch Excel (same
 * conventions as the registrations export: BOM, `;`, CRLF, amounts with a decimal comma), and
 * the UBL files of a period as one zip for the bookkeeping package.
 */

/** `1234,56` (or `-795,00` for a credit note): what Dutch Excel reads as a number. */
function excelAmount(cents: number): string {
	const abs = Math.abs(cents);
	return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** `12-09-2019` from `2019-09-12`. */
function excelDate(date: string): string {
	const [year, month, day] = date.split('-');
	return `${day}-${month}-${year}`;
}

export function invoiceRegisterCsv(items: InvoiceListItem[]): string {
	const header = [
		'Nummer',
		'Soort',
		'Factuurdatum',
		'Vervaldatum',
		'Afnemer',
		'Bedrag excl. btw',
		'Btw',
		'Bedrag incl. btw',
		'Betaald',
		'Openstaand',
		'Status',
		'Crediteert / gecrediteerd door'
	];
	// Oldest first, as a register is read; credit notes count negative so columns add up.
	const rows = [...items]
		.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number))
		.map((item) => {
			const sign = item.kind === 'credit-note' ? -1 : 1;
			return [
				item.number,
				item.kind === 'invoice' ? 'Factuur' : 'Creditnota',
				excelDate(item.issueDate),
				excelDate(item.dueDate),
				// Typed by people (a buyer's name): a spreadsheet must not run it as a formula. Amounts
				// are ours and stay numbers, or Excel would leave credit notes out of a column's sum.
				neutraliseFormula(item.buyerName),
				excelAmount(sign * item.netCents),
				excelAmount(sign * item.vatCents),
				excelAmount(sign * item.grossCents),
				excelAmount(item.paidCents),
				excelAmount(item.outstandingCents),
				invoiceStatusLabel[item.status],
				item.relatedNumber ?? ''
			];
		});
	return stringify([header, ...rows], {
		bom: true,
		delimiter: ';',
		record_delimiter: '\r\n'
	});
}

/** The UBL files of an event's invoices and credit notes issued in a period, as one zip. */
export async function ublArchive(sql: Sql, eventId: string, period: { from: string; to: string }): Promise<{ zip: Uint8Array; count: number }> {
	const rows = await sql<{ number: string; kind: 'invoice' | 'credit-note'; ubl_xml: string }[]>`
		select number, kind, ubl_xml from public.invoices
		where event_id = ${eventId} and issue_date between ${period.from} and ${period.to}
		order by number
	`;
	const files: Record<string, Uint8Array> = {};
	for (const row of rows) files[`${row.kind === 'invoice' ? 'factuur' : 'creditnota'}-${row.number}.xml`] = strToU8(row.ubl_xml);
	return { zip: zipSync(files, { level: 6 }), count: rows.length };
}
