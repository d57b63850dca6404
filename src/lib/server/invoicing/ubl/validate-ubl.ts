import type { InvoiceKind } from '../invoice-document';
import { checkDutchRules, type RuleResult } from './dutch-rules';
import { validateAgainstXsd, type XsdValidation } from './xsd-validation';

export interface UblValidation {
	/** True when the file fits the UBL 2.1 schema and passes every rule. */
	valid: boolean;
	xsd: XsdValidation;
	rules: RuleResult[];
}

/**
 * Everything we check before an e-invoice leaves: the UBL 2.1 schema (structure) and the
 * Dutch and EN 16931 business rules (content). Stored with the issued document, so an
 * organizer can see later what was checked.
 */
export async function validateUbl(xml: string, kind: InvoiceKind): Promise<UblValidation> {
	const xsd = await validateAgainstXsd(xml, kind);
	const rules = checkDutchRules(xml);
	return { valid: xsd.valid && rules.every((rule) => rule.passed), xsd, rules };
}
