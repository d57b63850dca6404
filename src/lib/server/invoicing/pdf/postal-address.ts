import type { PostalAddress } from '../invoice-document';

const countryNames = new Intl.DisplayNames('nl-NL', { type: 'region' });

/**
 * An address as printed on Dutch mail (PostNL's guidelines): street, then postcode and place
 * separated by two spaces; the country in capitals on a last line only when it is not the
 * Netherlands.
 */
export function addressLines(address: PostalAddress): string[] {
	const lines = [address.street, `${address.postcode}  ${address.city}`];
	if (address.countryCode !== 'NL') lines.push((countryNames.of(address.countryCode) ?? address.countryCode).toUpperCase());
	return lines;
}

/** The address on one line, e.g. for the sender's return line: `Drift 10, 3512 BS Utrecht`. */
export function addressOneLine(address: PostalAddress): string {
	const line = `${address.street}, ${address.postcode} ${address.city}`;
	return address.countryCode === 'NL' ? line : `${line}, ${countryNames.of(address.countryCode) ?? address.countryCode}`;
}
