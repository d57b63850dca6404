import { formatEuro } from '$lib/format/nl';

/**
 * Which way the amounts of a document point. Snapshots store positive cents also for credit
 * notes; on paper a credit note shows them negative, as bookkeeping software expects to read.
 */
export type AmountSign = 1 | -1;

/** `€ 795,00`, or `€ -795,00` on a credit note: always exactly formatEuro's output. */
export function formatSignedEuro(cents: number, sign: AmountSign): string {
	// 0 × -1 is -0; formatEuro prints both as € 0,00, but keep the number plain.
	return formatEuro(cents === 0 ? 0 : sign * cents);
}
