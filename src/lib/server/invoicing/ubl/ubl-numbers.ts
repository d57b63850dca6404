/**
 * How UBL writes money and percentages: a plain decimal with a dot, no thousands separator.
 * Our amounts are integer cents and our rates integer basis points, so both directions go
 * through strings and integers only — never through a binary float that could turn 0.29 into
 * 0.28999….
 */

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
const PERCENT = /^(\d+)(?:\.(\d{1,2}))?$/;

/** `79500` → `795.00`; `-5` → `-0.05`. Exactly two decimals, as EN 16931 (BR-DEC-*) expects. */
export function formatUblAmount(cents: number): string {
	if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a whole number: ${cents}`);
	const abs = Math.abs(cents);
	return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `795.00` → `79500`; `null` when the text is not an amount with at most two decimals. */
export function parseUblAmount(text: string): number | null {
	const match = AMOUNT.exec(text.trim());
	if (!match) return null;
	const [, sign, whole = '', fraction = ''] = match;
	const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
	return sign === '-' ? -cents : cents;
}

/** `2100` → `21`, `550` → `5.50`: the VAT rate as the percentage UBL writes (BT-119, BT-152). */
export function formatUblPercent(basisPoints: number): string {
	if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError(`invalid rate: ${basisPoints}`);
	const fraction = basisPoints % 100;
	const whole = Math.trunc(basisPoints / 100);
	return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0')}`;
}

/** `21` → `2100`; `null` when the text is not a percentage with at most two decimals. */
export function parseUblPercent(text: string): number | null {
	const match = PERCENT.exec(text.trim());
	if (!match) return null;
	const [, whole = '', fraction = ''] = match;
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
