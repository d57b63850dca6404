import { vatCents } from '$lib/events/fee';

/** The part of an invoice line (or a `Charge`) that VAT depends on. */
export interface VatLine {
	netCents: number;
	vatCategory: 'S' | 'E';
	vatRateBp: number;
}

/** One row of the VAT breakdown: everything taxed at the same category and rate. */
export interface VatSubtotal {
	category: 'S' | 'E';
	rateBp: number;
	taxableCents: number;
	vatCents: number;
	/** The legal ground of the exemption on an E row; null on an S row. */
	exemptionReason: string | null;
}

export interface VatTotals {
	/** Sum of the lines' net amounts. */
	netCents: number;
	/** Sum of the VAT rows. */
	vatCents: number;
	/** netCents + vatCents. */
	grossCents: number;
	/** What is to be paid: the gross amount, as we take no prepayments. */
	payableCents: number;
}

export interface VatSummary {
	vat: VatSubtotal[];
	totals: VatTotals;
}

/**
 * The VAT breakdown and totals of a set of lines, the EN 16931 way: lines grouped by category
 * and rate, VAT computed once on each group's total (not per line, which could be a cent off).
 * Standard-rate rows come first, highest rate first, then the exempt row.
 *
 * Exempt lines always form one row at 0 % (EN 16931 BR-E-5) carrying `exemptionText` as the
 * reason; an invoice with an exempt row and no reason is not valid (BR-E-10), so pass the
 * event's exemption text whenever it is exempt.
 */
export function vatSummary(lines: readonly VatLine[], exemptionText: string | null): VatSummary {
	const groups = new Map<string, { category: 'S' | 'E'; rateBp: number; taxableCents: number }>();
	for (const line of lines) {
		const rateBp = line.vatCategory === 'E' ? 0 : line.vatRateBp;
		const key = `${line.vatCategory}:${rateBp}`;
		const group = groups.get(key) ?? { category: line.vatCategory, rateBp, taxableCents: 0 };
		group.taxableCents += line.netCents;
		groups.set(key, group);
	}
	const vat = [...groups.values()]
		.sort((a, b) => (a.category === b.category ? b.rateBp - a.rateBp : a.category === 'S' ? -1 : 1))
		.map(
			(group): VatSubtotal => ({
				category: group.category,
				rateBp: group.rateBp,
				taxableCents: group.taxableCents,
				vatCents: group.category === 'E' ? 0 : vatCents(group.taxableCents, group.rateBp),
				exemptionReason: group.category === 'E' ? exemptionText : null
			})
		);
	const netCents = vat.reduce((sum, row) => sum + row.taxableCents, 0);
	const vatTotal = vat.reduce((sum, row) => sum + row.vatCents, 0);
	return { vat, totals: { netCents, vatCents: vatTotal, grossCents: netCents + vatTotal, payableCents: netCents + vatTotal } };
}
