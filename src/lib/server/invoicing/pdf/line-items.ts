import { formatRate } from '$lib/format/nl';
import type { InvoiceLine } from '../invoice-document';
import { formatPeriod } from './calendar-date';
import { CONTENT_WIDTH, mm } from './layout';
import type { TableColumn, TableRow } from './line-table';
import { formatSignedEuro, type AmountSign } from './signed-amount';

const quantityFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 4 });

/** What the VAT column says: the rate, or that the line is exempt. */
function vatText(line: InvoiceLine): string {
	return line.vatCategory === 'E' ? 'vrijgesteld' : formatRate(line.vatRateBp);
}

function periodText(line: InvoiceLine): string {
	const label = line.period.start === line.period.end ? 'Datum' : 'Periode';
	return `${label}: ${formatPeriod(line.period.start, line.period.end)}`;
}

/**
 * The columns and rows for a table of invoice lines, as art. 35a Wet OB asks per line: what
 * and when, quantity, unit price excluding VAT, any discount, the amount excluding VAT and the
 * rate. The discount column only appears when a line has a discount.
 */
export function lineItemsTable(lines: InvoiceLine[], sign: AmountSign): { columns: TableColumn[]; rows: TableRow[] } {
	const hasDiscount = lines.some((line) => line.discountCents > 0);
	const numberColumns: TableColumn[] = [
		{ header: 'Aantal', width: mm(12), align: 'right' },
		{ header: 'Prijs per eenheid\nexcl. btw', width: mm(27), align: 'right' },
		...(hasDiscount ? [{ header: 'Korting', width: mm(19), align: 'right' } satisfies TableColumn] : []),
		{ header: 'Bedrag\nexcl. btw', width: mm(24), align: 'right' },
		// Wide enough for "vrijgesteld" on exempt lines.
		{ header: 'Btw', width: mm(19), align: 'right' }
	];
	const descriptionWidth = CONTENT_WIDTH - numberColumns.reduce((sum, column) => sum + column.width, 0);
	const columns: TableColumn[] = [{ header: 'Omschrijving', width: descriptionWidth, align: 'left' }, ...numberColumns];

	const rows = lines.map((line): TableRow => {
		const details = [periodText(line)];
		if (line.discountCents > 0) details.push(line.discountReason ?? 'Korting');
		return [
			{ text: line.description, details },
			{ text: quantityFormat.format(line.quantity) },
			{ text: formatSignedEuro(line.unitNetCents, sign) },
			...(hasDiscount ? [{ text: line.discountCents > 0 ? formatSignedEuro(line.discountCents, sign) : '' }] : []),
			{ text: formatSignedEuro(line.netCents, sign) },
			{ text: vatText(line) }
		];
	});
	return { columns, rows };
}
