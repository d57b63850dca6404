/**
 * Reading an amount of euros as people in the Netherlands type it — `795`, `795,00`, `1.250,50`,
 * `€ 795`, `795,-` — into whole cents. The digits are put together as a string and turned into a
 * number once, as an integer: no floating-point step can turn 0,29 into 28 cents.
 */

export type EuroAmountRefusal =
	/** Nothing typed. */
	| 'empty'
	/** A well-formed amount with a minus sign. */
	| 'negative'
	/** A dot before one or two final digits (`795.50`): the English way, ambiguous in Dutch. */
	| 'decimal-point'
	/** Three or more digits after the comma. */
	| 'too-many-decimals'
	/** More euros than a safe integer number of cents can hold. */
	| 'too-large'
	/** Anything else: letters, stray signs, misplaced dots. */
	| 'format';

export type EuroAmountResult = { ok: true; cents: number } | { ok: false; reason: EuroAmountRefusal };

// A whole number of euros, bare (`1250`) or with dots between groups of three (`1.250`).
const DUTCH_AMOUNT = /^(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
// `795.50`, `1,250.50`: a dot in front of the cents.
const POINT_DECIMALS = /^(\d+|\d{1,3}(?:,\d{3})+)\.\d{1,2}$/;
// Thirteen digits of euros is 10^15 cents, still below Number.MAX_SAFE_INTEGER (about 9 × 10^15).
const MAX_EURO_DIGITS = 13;
const MINUS = /^[-\u2212]\s*/;
const CURRENCY_BEFORE = /^(?:€|eur(?:o)?\b)\s*/i;
const CURRENCY_AFTER = /\s*(?:€|eur(?:o)?)$/i;

/**
 * The amount in cents, or why the text is not an amount. Accepts what `formatEuro` prints, so
 * a value shown back in a form reads in again unchanged.
 */
export function parseEuroAmount(text: string): EuroAmountResult {
	// Intl puts a no-break space after the euro sign; people paste narrow ones from documents.
	let rest = text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
	if (rest === '') return { ok: false, reason: 'empty' };

	// The sign may stand before or after the euro sign: `-€ 5` and `€ -5`.
	let negative = false;
	const takeMinus = () => {
		const sign = MINUS.exec(rest);
		if (sign) {
			negative = true;
			rest = rest.slice(sign[0].length);
		}
	};
	takeMinus();
	rest = rest.replace(CURRENCY_BEFORE, '');
	if (!negative) takeMinus();
	rest = rest.replace(CURRENCY_AFTER, '');
	// `795,-` and `795,--`: round euros, as on a price tag.
	rest = rest.replace(/,-{1,2}$/, '');

	const match = DUTCH_AMOUNT.exec(rest);
	if (!match) return { ok: false, reason: POINT_DECIMALS.test(rest) ? 'decimal-point' : 'format' };
	const euros = (match[1] ?? '').replaceAll('.', '').replace(/^0+(?=\d)/, '');
	const decimals = match[2] ?? '';
	if (decimals.length > 2) return { ok: false, reason: 'too-many-decimals' };
	if (euros.length > MAX_EURO_DIGITS) return { ok: false, reason: 'too-large' };

	const cents = Number(euros + decimals.padEnd(2, '0'));
	if (negative && cents !== 0) return { ok: false, reason: 'negative' };
	return { ok: true, cents };
}
