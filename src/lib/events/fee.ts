/**
 * VAT on an amount in euro-cents, rounded half away from zero to whole cents (the usual rule
 * for Dutch invoices). Integer arithmetic only: no floating-point cents.
 *
 * @param netCents amount excluding VAT, in cents (negative for credit notes)
 * @param rateBp VAT rate in basis points: 2100 is 21 %
 */
export function vatCents(netCents: number, rateBp: number): number {
	if (!Number.isSafeInteger(netCents)) throw new RangeError(`netCents must be a whole number: ${netCents}`);
	if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
		throw new RangeError(`rateBp must be a whole number between 0 and 10000: ${rateBp}`);
	}
	const sign = netCents < 0 ? -1 : 1;
	const scaled = Math.abs(netCents) * rateBp;
	return sign * Math.floor((scaled + 5_000) / 10_000);
}

/** An amount excluding VAT, the VAT on it and the total, all in cents. */
export interface PriceBreakdown {
	netCents: number;
	vatCents: number;
	grossCents: number;
	rateBp: number;
}

/** The price of one place, excluding and including VAT. */
export function priceBreakdown(netCents: number, rateBp: number): PriceBreakdown {
	const vat = vatCents(netCents, rateBp);
	return { netCents, vatCents: vat, grossCents: netCents + vat, rateBp };
}
