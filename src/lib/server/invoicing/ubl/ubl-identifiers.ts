import type { UblProfile } from '../invoice-document';

/**
 * The fixed identifiers of the e-invoice specifications we write: XML namespaces, the
 * specification (customization) and process (profile) ids, and the ISO 6523 scheme codes for
 * Dutch organisation numbers. Shared by the writer and the rule checks, so both agree.
 */

export const UBL_NAMESPACES = {
	invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
	aggregate: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
	basic: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'
} as const;

/** BT-24: which specification the document claims to follow. */
export const CUSTOMIZATION_IDS: Readonly<Record<UblProfile, string>> = {
	nlcius: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0',
	peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'
};

/** BT-23: the Peppol billing process; SI-UBL 2.0 uses the same value. */
export const BILLING_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** ISO 6523 ICD codes, used as `schemeID` on endpoint and company identifiers. */
export const SCHEME_KVK = '0106';
export const SCHEME_OIN = '0190';

/** UNTDID 1001 document type codes. */
export const TYPE_CODE_INVOICE = '380';
export const TYPE_CODE_CREDIT_NOTE = '381';

/** UNCL 4461: SEPA credit transfer. */
export const PAYMENT_MEANS_SEPA_CREDIT_TRANSFER = '58';

/** UN/ECE Recommendation 20 "one" (a unit without a physical measure): one participation. */
export const UNIT_CODE_ONE = 'C62';
