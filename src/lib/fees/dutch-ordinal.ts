const WORDS = [
	'eerste',
	'tweede',
	'derde',
	'vierde',
	'vijfde',
	'zesde',
	'zevende',
	'achtste',
	'negende',
	'tiende',
	'elfde',
	'twaalfde',
	'dertiende',
	'veertiende',
	'vijftiende',
	'zestiende',
	'zeventiende',
	'achttiende',
	'negentiende',
	'twintigste'
];

/**
 * `tweede` for 2: a Dutch ordinal in words up to twenty, as written in running text; `21e`
 * beyond, the usual short form for larger numbers.
 */
export function dutchOrdinal(position: number): string {
	if (!Number.isInteger(position) || position < 1) throw new RangeError(`position must be a whole number from 1: ${position}`);
	return WORDS[position - 1] ?? `${position}e`;
}
