import { formatEuro, formatRate } from '$lib/format/nl';
import { parseUblAmount, parseUblPercent } from './ubl-numbers';
import { documentLines, outcome, type RuleResult, type UblRule } from './ubl-rule';
import { select, textAt, type XmlElement } from './xml-tree';

/**
 * The calculation rules of EN 16931 (and Peppol's line rule), checked on the UBL file: do the
 * amounts in it add up? A portal recomputes them and rejects the invoice when a cent is off,
 * so we find out before the buyer does. Amounts are compared in whole cents, exactly.
 */

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** PEPPOL-EN16931-R120: line amount = quantity × price − line allowances + line charges. */
const lineAmounts: UblRule = (root) => {
	const problems = documentLines(root).flatMap((line) => {
		const label = lineLabel(line);
		const stated = amountAt(line, 'LineExtensionAmount');
		const price = amountAt(line, 'Price/PriceAmount');
		const quantity = decimalAt(line, isCreditNoteLine(line) ? 'CreditedQuantity' : 'InvoicedQuantity');
		const baseQuantity = decimalAt(line, 'Price/BaseQuantity') ?? 1;
		const adjustments = allowanceChargeTotal(select(line, 'AllowanceCharge'));
		if (stated === null || price === null || quantity === null || adjustments === null || baseQuantity === 0) {
			return [`${label}: het aantal, de prijs, een korting of het regelbedrag ontbreekt of is geen geldig bedrag.`];
		}
		const expected = Math.round((quantity * price) / baseQuantity) + adjustments;
		return stated === expected
			? []
			: [`${label}: het regelbedrag is ${formatEuro(stated)}, maar aantal × prijs met korting is ${formatEuro(expected)}.`];
	});
	return outcome('PEPPOL-EN16931-R120', problems, 'Elk regelbedrag is aantal × prijs min korting');
};

/** BR-CO-10: the sum of the line amounts is the stated line total. */
const lineTotal: UblRule = (root) => {
	const amounts = documentLines(root).map((line) => amountAt(line, 'LineExtensionAmount'));
	const stated = amountAt(root, 'LegalMonetaryTotal/LineExtensionAmount');
	const sum = sumOrNull(amounts);
	const problems =
		stated === null || sum === null
			? ['Het totaal van de regels of een regelbedrag ontbreekt of is geen geldig bedrag.']
			: stated !== sum
				? [`De regels tellen op tot ${formatEuro(sum)}, maar als totaal van de regels staat er ${formatEuro(stated)}.`]
				: [];
	return outcome('BR-CO-10', problems, 'De regels tellen op tot het totaal van de regels');
};

/** BR-CO-13: total without VAT = line total − document allowances + document charges. */
const totalWithoutVat: UblRule = (root) => {
	const lines = amountAt(root, 'LegalMonetaryTotal/LineExtensionAmount');
	const stated = amountAt(root, 'LegalMonetaryTotal/TaxExclusiveAmount');
	const adjustments = allowanceChargeTotal(select(root, 'AllowanceCharge'));
	const expected = lines === null || adjustments === null ? null : lines + adjustments;
	const problems =
		stated === null || expected === null
			? ['Het totaal zonder btw of een korting op de factuur ontbreekt of is geen geldig bedrag.']
			: stated !== expected
				? [`Het totaal zonder btw is ${formatEuro(stated)}, maar volgens de regels en kortingen is het ${formatEuro(expected)}.`]
				: [];
	return outcome('BR-CO-13', problems, 'Het totaal zonder btw klopt met de regels');
};

/** BR-CO-14: total VAT = sum of the VAT per category. */
const vatTotal: UblRule = (root) => {
	const stated = amountAt(root, 'TaxTotal/TaxAmount');
	const sum = sumOrNull(select(root, 'TaxTotal/TaxSubtotal').map((subtotal) => amountAt(subtotal, 'TaxAmount')));
	const problems =
		stated === null || sum === null
			? ['Het btw-bedrag of een btw-bedrag per tarief ontbreekt of is geen geldig bedrag.']
			: stated !== sum
				? [`Het totale btw-bedrag is ${formatEuro(stated)}, maar de btw per tarief telt op tot ${formatEuro(sum)}.`]
				: [];
	return outcome('BR-CO-14', problems, 'De btw per tarief telt op tot het totale btw-bedrag');
};

/** BR-CO-15: total with VAT = total without VAT + total VAT. */
const totalWithVat: UblRule = (root) => {
	const withoutVat = amountAt(root, 'LegalMonetaryTotal/TaxExclusiveAmount');
	const vat = amountAt(root, 'TaxTotal/TaxAmount');
	const stated = amountAt(root, 'LegalMonetaryTotal/TaxInclusiveAmount');
	const problems =
		withoutVat === null || vat === null || stated === null
			? ['Het totaal zonder btw, het btw-bedrag of het totaal met btw ontbreekt of is geen geldig bedrag.']
			: stated !== withoutVat + vat
				? [
						`Het totaal met btw is ${formatEuro(stated)}, maar ${formatEuro(withoutVat)} plus ${formatEuro(vat)} btw is ${formatEuro(withoutVat + vat)}.`
					]
				: [];
	return outcome('BR-CO-15', problems, 'Totaal zonder btw plus btw is het totaal met btw');
};

/** BR-CO-16: amount due = total with VAT − prepaid + rounding. */
const amountDue: UblRule = (root) => {
	const withVat = amountAt(root, 'LegalMonetaryTotal/TaxInclusiveAmount');
	const prepaid = optionalAmountAt(root, 'LegalMonetaryTotal/PrepaidAmount');
	const rounding = optionalAmountAt(root, 'LegalMonetaryTotal/PayableRoundingAmount');
	const stated = amountAt(root, 'LegalMonetaryTotal/PayableAmount');
	const expected = withVat === null || prepaid === null || rounding === null ? null : withVat - prepaid + rounding;
	const problems =
		stated === null || expected === null
			? ['Het te betalen bedrag of het totaal met btw ontbreekt of is geen geldig bedrag.']
			: stated !== expected
				? [`Het te betalen bedrag is ${formatEuro(stated)}, maar het hoort ${formatEuro(expected)} te zijn.`]
				: [];
	return outcome('BR-CO-16', problems, 'Het te betalen bedrag klopt met het totaal');
};

/** BR-CO-17: VAT per category = taxable amount × rate, rounded to the cent. */
const vatPerCategory: UblRule = (root) => {
	const problems = select(root, 'TaxTotal/TaxSubtotal').flatMap((subtotal) => {
		const taxable = amountAt(subtotal, 'TaxableAmount');
		const vat = amountAt(subtotal, 'TaxAmount');
		const rate = rateAt(subtotal, 'TaxCategory/Percent');
		if (taxable === null || vat === null || rate === null) {
			return ['Bij een btw-tarief ontbreekt het bedrag, de btw of het percentage.'];
		}
		const expected = vatOn(taxable, rate);
		return vat === expected
			? []
			: [`Over ${formatEuro(taxable)} tegen ${formatRate(rate)} staat ${formatEuro(vat)} btw, maar dat hoort ${formatEuro(expected)} te zijn.`];
	});
	return outcome('BR-CO-17', problems, 'De btw per tarief is het bedrag maal het percentage');
};

/**
 * BR-S-08, BR-E-08 (and the same rule for other categories): the taxable amount of each VAT
 * category and rate is the sum of the lines in it, plus document charges, minus document
 * allowances. One result per category letter.
 */
function taxableAmountsPerCategory(root: XmlElement): (RuleResult | null)[] {
	const stated = new Map<string, number | null>();
	for (const subtotal of select(root, 'TaxTotal/TaxSubtotal')) {
		stated.set(categoryKey(subtotal, 'TaxCategory'), amountAt(subtotal, 'TaxableAmount'));
	}
	const summed = new Map<string, number | null>();
	const add = (key: string, cents: number | null) => {
		const current = summed.has(key) ? (summed.get(key) ?? null) : 0;
		summed.set(key, current === null || cents === null ? null : current + cents);
	};
	for (const line of documentLines(root)) add(categoryKey(line, 'Item/ClassifiedTaxCategory'), amountAt(line, 'LineExtensionAmount'));
	for (const adjustment of select(root, 'AllowanceCharge')) {
		add(categoryKey(adjustment, 'TaxCategory'), allowanceChargeTotal([adjustment]));
	}

	const keys = [...new Set([...stated.keys(), ...summed.keys()])];
	const letters = [...new Set(keys.map((key) => key.split(' ')[0] ?? ''))];
	return letters.map((letter) => {
		const problems = keys
			.filter((key) => key.split(' ')[0] === letter)
			.flatMap((key) => {
				const label = categoryLabel(key);
				const statedAmount = stated.get(key);
				const summedAmount = summed.get(key);
				if (statedAmount === undefined) return [`Er zijn regels met ${label}, maar dat tarief staat niet in de btw-specificatie.`];
				if (summedAmount === undefined) return [`De btw-specificatie noemt ${label}, maar geen regel heeft dat tarief.`];
				if (statedAmount === null || summedAmount === null) return [`Bij ${label} ontbreekt een bedrag of is het geen geldig bedrag.`];
				return statedAmount === summedAmount
					? []
					: [`Bij ${label} staat ${formatEuro(statedAmount)} als grondslag, maar de regels tellen op tot ${formatEuro(summedAmount)}.`];
			});
		return outcome(`BR-${letter}-08`, problems, `De grondslag van btw-categorie ${letter} is de som van de regels`);
	});
}

/** BR-E-10: an exempt category states why. BR-S-10: a standard-rated one does not. */
function exemptionReasons(root: XmlElement): (RuleResult | null)[] {
	const categories = select(root, 'TaxTotal/TaxSubtotal/TaxCategory');
	const hasReason = (category: XmlElement) =>
		textAt(category, 'TaxExemptionReason') !== null || textAt(category, 'TaxExemptionReasonCode') !== null;
	const exempt = categories.filter((category) => textAt(category, 'ID') === 'E');
	const standard = categories.filter((category) => textAt(category, 'ID') === 'S');
	return [
		exempt.length === 0
			? null
			: outcome(
					'BR-E-10',
					exempt.every(hasReason)
						? []
						: [
								'Bij het vrijgestelde bedrag staat geen reden voor de btw-vrijstelling. Een factuur zonder btw moet de wettelijke grond noemen; vul die in bij de btw-instellingen.'
							],
					'De reden van de btw-vrijstelling staat erop'
				),
		standard.length === 0
			? null
			: outcome(
					'BR-S-10',
					standard.some(hasReason)
						? ['Bij een bedrag met btw staat een reden voor btw-vrijstelling. Die reden hoort alleen bij vrijgestelde bedragen; controleer het btw-tarief.']
						: [],
					'Bij bedragen met btw staat geen vrijstellingsreden'
				)
	];
}

/** All calculation rules, in the order of the document: lines, totals, VAT. */
export function checkTotalRules(root: XmlElement): (RuleResult | null)[] {
	return [
		lineAmounts(root),
		lineTotal(root),
		totalWithoutVat(root),
		vatTotal(root),
		totalWithVat(root),
		amountDue(root),
		vatPerCategory(root),
		...taxableAmountsPerCategory(root),
		...exemptionReasons(root)
	];
}

/** Rounds half up to the cent, like XPath's `round()` in the official Schematron. */
function vatOn(taxableCents: number, rateBasisPoints: number): number {
	return Math.floor((taxableCents * rateBasisPoints + 5_000) / 10_000);
}

/** Charges minus allowances, in cents: what they add to a line or to the document. */
function allowanceChargeTotal(adjustments: readonly XmlElement[]): number | null {
	return sumOrNull(
		adjustments.map((adjustment) => {
			const cents = amountAt(adjustment, 'Amount');
			if (cents === null) return null;
			return textAt(adjustment, 'ChargeIndicator') === 'true' ? cents : -cents;
		})
	);
}

/** `S 2100`: VAT category letter and rate in basis points, to group lines and subtotals. */
function categoryKey(element: XmlElement, categoryPath: string): string {
	const letter = textAt(element, `${categoryPath}/ID`) ?? '?';
	const rate = rateAt(element, `${categoryPath}/Percent`) ?? 0;
	return `${letter} ${rate}`;
}

function categoryLabel(key: string): string {
	const [letter = '?', rate = '0'] = key.split(' ');
	return `btw-categorie ${letter} (${formatRate(Number(rate))})`;
}

function lineLabel(line: XmlElement): string {
	return `Regel ${textAt(line, 'ID') ?? '?'}`;
}

function isCreditNoteLine(line: XmlElement): boolean {
	return line.name === 'CreditNoteLine';
}

function amountAt(element: XmlElement, path: string): number | null {
	const text = textAt(element, path);
	return text === null ? null : parseUblAmount(text);
}

/** An optional amount counts as 0 when absent, and as unreadable (`null`) when malformed. */
function optionalAmountAt(element: XmlElement, path: string): number | null {
	return textAt(element, path) === null ? 0 : amountAt(element, path);
}

function rateAt(element: XmlElement, path: string): number | null {
	const text = textAt(element, path);
	return text === null ? null : parseUblPercent(text);
}

/** A quantity such as `1` or `2.5`; quantities are no money, so a float is precise enough. */
function decimalAt(element: XmlElement, path: string): number | null {
	const text = textAt(element, path);
	return text !== null && DECIMAL.test(text) ? Number(text) : null;
}

function sumOrNull(values: readonly (number | null)[]): number | null {
	let sum = 0;
	for (const value of values) {
		if (value === null) return null;
		sum += value;
	}
	return sum;
}
