import { select, type XmlElement } from './xml-tree';

/**
 * What every business rule check on a UBL file has in common: its result, and the few facts
 * about the document that many rules need.
 */

export interface RuleResult {
	/** The official rule id (`BR-NL-2`, `BR-CO-15`, `PEPPOL-EN16931-R010`), or `OS-…` for our own. */
	id: string;
	passed: boolean;
	/** Dutch, for an organizer: what is wrong and what to do, or a short description when passed. */
	message: string;
}

/** Checks one rule on the parsed file; `null` when the rule does not apply to this document. */
export type UblRule = (root: XmlElement) => RuleResult | null;

/** A failed rule when there are problems (joined into one message), else a passed one. */
export function outcome(id: string, problems: readonly string[], passedMessage: string): RuleResult {
	return problems.length === 0
		? { id, passed: true, message: `${passedMessage} (${id}).` }
		: { id, passed: false, message: `${problems.join(' ')} (${id})` };
}

export function isCreditNote(root: XmlElement): boolean {
	return root.name === 'CreditNote';
}

/** The invoice lines, or the credit note lines. */
export function documentLines(root: XmlElement): XmlElement[] {
	return select(root, isCreditNote(root) ? 'CreditNoteLine' : 'InvoiceLine');
}
