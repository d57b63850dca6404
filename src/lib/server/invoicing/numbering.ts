import type { Sql } from '../db/database';
import type { InvoiceKind } from './invoice-document';

/** An invoice number taken from its series inside the issuing transaction. */
export interface TakenNumber {
	series: string;
	sequenceNumber: number;
	number: string;
}

/** A series per calendar year of issue: `2026` for invoices, `C2026` for credit notes. */
export function seriesFor(kind: InvoiceKind, issueDate: string): string {
	const year = issueDate.slice(0, 4);
	if (!/^\d{4}$/.test(year)) throw new RangeError(`issue date must start with a year: ${issueDate}`);
	return kind === 'invoice' ? year : `C${year}`;
}

/** `2026-00017`: the series and a zero-padded sequence, so numbers sort as text too. */
export function formatInvoiceNumber(series: string, sequenceNumber: number): string {
	return `${series}-${String(sequenceNumber).padStart(5, '0')}`;
}

/**
 * Takes the next number of the series. The `update … returning` holds the series row's lock
 * until the transaction ends: a concurrent issue waits, and when this transaction rolls back
 * (a document that fails validation, a crash) the number is given back, so the series has no
 * gaps. Never derive a number from `max()` in application code: two transactions would read
 * the same maximum.
 */
export async function takeNextNumber(tx: Sql, kind: InvoiceKind, issueDate: string): Promise<TakenNumber> {
	const series = seriesFor(kind, issueDate);
	await tx`insert into public.invoice_series (code, kind) values (${series}, ${kind}) on conflict (code) do nothing`;
	const [row] = await tx<{ taken: number }[]>`
		update public.invoice_series set next_number = next_number + 1
		where code = ${series}
		returning next_number - 1 as taken
	`;
	if (!row) throw new Error(`invoice series ${series} vanished while taking a number`);
	return { series, sequenceNumber: row.taken, number: formatInvoiceNumber(series, row.taken) };
}
