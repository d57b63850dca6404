import { formatRate } from '$lib/format/nl';
import type { InvoiceTotals, VatSubtotal } from '../invoice-document';
import { formatSignedEuro, type AmountSign } from './signed-amount';
import type { TotalsRow } from './totals-block';

/**
 * The VAT summary and totals under the lines: the net total, one row per VAT rate ("Btw 21%
 * over € 1.490,00"), or "Btw: vrijgesteld" for exempt amounts, then the total including VAT.
 * `finalRow`, when given, is the amount the reader acts on (to pay, to be credited) and closes
 * the block; without it the total including VAT does.
 */
export function amountSummaryRows(
	vat: VatSubtotal[],
	totals: InvoiceTotals,
	sign: AmountSign,
	finalRow?: { label: string; cents: number }
): TotalsRow[] {
	const vatRows = vat.map((subtotal): TotalsRow => {
		const base = formatSignedEuro(subtotal.taxableCents, sign);
		if (subtotal.category === 'E') {
			// With only exempt amounts the base is the net total just above; say it only when mixed.
			const label = vat.length > 1 ? `Btw: vrijgesteld over ${base}` : 'Btw: vrijgesteld';
			return { label, amount: formatSignedEuro(subtotal.vatCents, sign) };
		}
		return { label: `Btw ${formatRate(subtotal.rateBp)} over ${base}`, amount: formatSignedEuro(subtotal.vatCents, sign) };
	});
	const grossRow: TotalsRow = {
		label: 'Totaal incl. btw',
		amount: formatSignedEuro(totals.grossCents, sign),
		emphasis: finalRow ? 'total' : 'final'
	};
	const rows: TotalsRow[] = [{ label: 'Totaal excl. btw', amount: formatSignedEuro(totals.netCents, sign) }, ...vatRows, grossRow];
	if (finalRow) rows.push({ label: finalRow.label, amount: formatSignedEuro(finalRow.cents, sign), emphasis: 'final' });
	return rows;
}

/** The legal grounds of every exemption on the document, each once. */
export function exemptionReasons(vat: VatSubtotal[]): string[] {
	const reasons = vat.flatMap((subtotal) => (subtotal.category === 'E' && subtotal.exemptionReason ? [subtotal.exemptionReason] : []));
	return [...new Set(reasons)];
}
