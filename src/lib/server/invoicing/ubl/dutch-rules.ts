import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { checkTotalRules } from './total-rules';
import {
	BILLING_PROFILE_ID,
	CUSTOMIZATION_IDS,
	SCHEME_KVK,
	SCHEME_OIN,
	TYPE_CODE_CREDIT_NOTE
} from './ubl-identifiers';
import { parseUblAmount } from './ubl-numbers';
import { isCreditNote, outcome, type RuleResult, type UblRule } from './ubl-rule';
import { parseXml, select, textAt, type XmlElement } from './xml-tree';

export type { RuleResult } from './ubl-rule';

/**
 * The business rules a Dutch public body's portal applies to an e-invoice, checked on the UBL
 * file itself (not on the document it came from), so a mistake in writing the file is caught
 * too. Rule ids are the official ones:
 *
 * - `BR-NL-*`: NLCIUS as implemented in SI-UBL 2.0 (Schematron `si-ubl-2.0-nlcius.sch` of
 *   peppolautoriteit-nl/validation), its fatal rules 1–4 and 7–12. BR-NL-5 (a fiscal
 *   representative) and BR-NL-13 (order line references) concern elements we never write;
 *   BR-NL-19 and up are recommendations, which we follow in `ubl-xml.ts` instead. The
 *   Schematron only applies these rules when the seller is in the Netherlands; we always are,
 *   so they apply unconditionally.
 * - `NL-R-001`: Peppol BIS's Dutch rule that a credit note names the invoice it corrects
 *   (SI-UBL's own BR-NL-9 only covers corrective invoices, type 384).
 * - `PEPPOL-EN16931-R010/R020`: Peppol needs an electronic address for both parties.
 * - `BR-61`: EN 16931's rule that a credit transfer names the account.
 * - `BR-CO-*`, `BR-S/E-*`, `PEPPOL-EN16931-R120`: the calculation rules, see `total-rules.ts`.
 * - `OS-*`: our own checks, where no official rule says what we want to be sure of.
 *
 * This is no full Schematron run: EN 16931 has some 200 more rules. These are the ones our
 * documents could break.
 */
export function checkDutchRules(xml: string): RuleResult[] {
	const root = parseXml(xml);
	if (root === null || (root.name !== 'Invoice' && root.name !== 'CreditNote')) {
		return [
			{
				id: 'OS-XML',
				passed: false,
				message: 'Het UBL-bestand is geen leesbare factuur of creditnota. Neem contact op met de beheerder (OS-XML)'
			}
		];
	}
	return [...DUTCH_RULES.map((rule) => rule(root)), ...checkTotalRules(root)].filter(
		(result): result is RuleResult => result !== null
	);
}

/** BT-24/BT-23 (SI-V20-INV-R000, PEPPOL-EN16931-R001/R004): the file says which specification it follows. */
const specification: UblRule = (root) => {
	const knownSpecification = Object.values(CUSTOMIZATION_IDS).includes(textAt(root, 'CustomizationID') ?? '');
	const knownProcess = textAt(root, 'ProfileID') === BILLING_PROFILE_ID;
	const problems =
		knownSpecification && knownProcess
			? []
			: [
					'Het bestand zegt niet goed dat het NLCIUS (SI-UBL 2.0) of Peppol BIS Billing 3.0 volgt (CustomizationID en ProfileID). Het portaal van de afnemer weigert het dan. Neem contact op met de beheerder.'
				];
	return outcome('OS-SPECIFICATION', problems, 'Het bestand volgt NLCIUS of Peppol BIS Billing 3.0');
};

/** BR-NL-1: the seller is identified by its KvK number or OIN. */
const sellerLegalId: UblRule = (root) => {
	const ids = select(root, 'AccountingSupplierParty/Party/PartyLegalEntity/CompanyID');
	const problems = ids.some(isDutchOrganisationNumber)
		? []
		: [
				'Het KvK-nummer (of OIN) van de verkoper ontbreekt, of staat er zonder de code 0106 (KvK) of 0190 (OIN). Vul het KvK-nummer in bij de verkopersgegevens.'
			];
	return outcome('BR-NL-1', problems, 'Het KvK-nummer of OIN van de verkoper staat erop');
};

/** BR-NL-2 (in Peppol: PEPPOL-EN16931-R003): the buyer can route the invoice internally. */
const buyerReference: UblRule = (root) => {
	const present = textAt(root, 'BuyerReference') !== null || textAt(root, 'OrderReference/ID') !== null;
	const problems = present
		? []
		: [
				'Er staat geen inkoopordernummer of referentie van de afnemer op de factuur. Overheden wijzen zo’n factuur meestal af. Vraag de afnemer om een inkoopordernummer of referentie (bijvoorbeeld een kostenplaats) en vul die in.'
			];
	return outcome('BR-NL-2', problems, 'Het inkoopordernummer of de referentie van de afnemer staat erop');
};

/** BR-NL-3: the seller's address is complete. */
const sellerAddress: UblRule = (root) => {
	const missing = missingAddressParts(select(root, 'AccountingSupplierParty/Party/PostalAddress')[0]);
	const problems =
		missing.length === 0
			? []
			: [`In het adres van de verkoper ontbreekt: ${missing.join(', ')}. Vul het volledige adres in bij de verkopersgegevens.`];
	return outcome('BR-NL-3', problems, 'Het adres van de verkoper is volledig');
};

/** BR-NL-4: a Dutch buyer's address is complete. */
const buyerAddress: UblRule = (root) => {
	const address = select(root, 'AccountingCustomerParty/Party/PostalAddress')[0];
	if (address && !isDutch(address)) return null;
	const missing = missingAddressParts(address);
	const problems =
		missing.length === 0
			? []
			: [`In het adres van de afnemer ontbreekt: ${missing.join(', ')}. Vul het volledige adres in bij de gegevens van de organisatie.`];
	return outcome('BR-NL-4', problems, 'Het adres van de afnemer is volledig');
};

/** BR-NL-10: a Dutch buyer is identified by its KvK number or OIN. */
const buyerLegalId: UblRule = (root) => {
	const address = select(root, 'AccountingCustomerParty/Party/PostalAddress')[0];
	if (address && !isDutch(address)) return null;
	const ids = select(root, 'AccountingCustomerParty/Party/PartyLegalEntity/CompanyID');
	const problems = ids.some(isDutchOrganisationNumber)
		? []
		: [
				'Het KvK-nummer of OIN van de afnemer ontbreekt. Een Nederlandse afnemer moet met een van die nummers op de factuur staan; vul het in bij de gegevens van de organisatie.'
			];
	return outcome('BR-NL-10', problems, 'Het KvK-nummer of OIN van de afnemer staat erop');
};

/** OS-SELLER-CONTACT: the buyer's accounts payable can reach us with questions. */
const sellerContact: UblRule = (root) => {
	const contact = select(root, 'AccountingSupplierParty/Party/Contact')[0];
	const reachable = contact !== undefined && (textAt(contact, 'ElectronicMail') !== null || textAt(contact, 'Telephone') !== null);
	const problems = reachable
		? []
		: [
				'Er staat geen e-mailadres of telefoonnummer van de verkoper op de factuur. De crediteurenadministratie van de afnemer kan dan niemand bereiken met vragen; vul een e-mailadres voor facturen in bij de verkopersgegevens.'
			];
	return outcome('OS-SELLER-CONTACT', problems, 'Een e-mailadres of telefoonnummer van de verkoper staat erop');
};

/** BR-NL-7: only invoices (380), credit notes (381), corrective (384) and self-billed (389) invoices. */
const typeCodeAllowed: UblRule = (root) => {
	const code = typeCode(root);
	const problems =
		code === null
			? ['De soort document (factuur of creditnota) ontbreekt.']
			: ['380', '381', '384', '389'].includes(code)
				? []
				: [`De soort document heeft code ${code}; alleen 380 (factuur), 381 (creditnota), 384 en 389 zijn toegestaan.`];
	return outcome('BR-NL-7', problems, 'De soort document is toegestaan');
};

/** BR-NL-8: a credit note (381) uses the CreditNote format, everything else the Invoice format. */
const typeCodeMatchesFormat: UblRule = (root) => {
	const code = typeCode(root);
	if (code === null) return null;
	const problems =
		isCreditNote(root) === (code === TYPE_CODE_CREDIT_NOTE)
			? []
			: [
					isCreditNote(root)
						? `Het bestand is een creditnota, maar de soort document is ${code} in plaats van 381.`
						: 'Het bestand is een factuur, maar de soort document is 381 (creditnota).'
				];
	return outcome('BR-NL-8', problems, 'De soort document past bij het bestand');
};

/**
 * NL-R-001 (Peppol BIS) for a credit note, BR-NL-9 (SI-UBL 2.0) for a corrective invoice (384):
 * the document names the invoice it corrects.
 */
const correctedInvoiceReference: UblRule = (root) => {
	const code = typeCode(root);
	const id = isCreditNote(root) ? 'NL-R-001' : code === '384' ? 'BR-NL-9' : null;
	if (id === null) return null;
	const problems =
		textAt(root, 'BillingReference/InvoiceDocumentReference/ID') !== null
			? []
			: [
					`De ${isCreditNote(root) ? 'creditnota' : 'correctiefactuur'} noemt niet het nummer van de factuur die ze corrigeert. Zonder dat nummer kan de afnemer haar niet verwerken.`
				];
	return outcome(id, problems, 'Het nummer van de gecorrigeerde factuur staat erop');
};

/** BR-NL-11: an invoice with an amount to pay says how to pay it. */
const paymentMeansPresent: UblRule = (root) => {
	if (isCreditNote(root)) return null;
	const payable = parseUblAmount(textAt(root, 'LegalMonetaryTotal/PayableAmount') ?? '');
	if (payable !== null && payable <= 0) return null;
	const problems =
		select(root, 'PaymentMeans').length > 0
			? []
			: ['Er staat niet op hoe de afnemer moet betalen, terwijl er een bedrag te betalen is. Vul het IBAN in bij de verkopersgegevens.'];
	return outcome('BR-NL-11', problems, 'De betaalwijze staat erop');
};

/** BR-NL-12: payment by credit transfer (30, 58), card (48), direct debit (49, 59) or standing agreement (57). */
const paymentMeansCode: UblRule = (root) => {
	const means = select(root, 'PaymentMeans');
	if (means.length === 0) return null;
	const problems = means.flatMap((payment) => {
		const code = textAt(payment, 'PaymentMeansCode');
		return code !== null && ['30', '48', '49', '57', '58', '59'].includes(code)
			? []
			: [`De betaalwijze heeft code ${code ?? '(leeg)'}; in Nederland zijn alleen 30, 48, 49, 57, 58 en 59 toegestaan.`];
	});
	return outcome('BR-NL-12', problems, 'De betaalwijze is toegestaan');
};

/** BR-61 (EN 16931): a credit transfer names the account to pay to. */
const transferAccount: UblRule = (root) => {
	const transfers = select(root, 'PaymentMeans').filter((payment) => isCreditTransfer(textAt(payment, 'PaymentMeansCode')));
	if (transfers.length === 0) return null;
	const problems = transfers.every((payment) => textAt(payment, 'PayeeFinancialAccount/ID') !== null)
		? []
		: ['Bij betaling per overschrijving ontbreekt het IBAN van de verkoper. Vul het IBAN in bij de verkopersgegevens.'];
	return outcome('BR-61', problems, 'Het IBAN voor de overschrijving staat erop');
};

/** OS-IBAN: the account for a credit transfer is a real IBAN (checksum included). */
const validIban: UblRule = (root) => {
	const accounts = select(root, 'PaymentMeans')
		.filter((payment) => isCreditTransfer(textAt(payment, 'PaymentMeansCode')))
		.map((payment) => textAt(payment, 'PayeeFinancialAccount/ID'))
		.filter((account) => account !== null);
	if (accounts.length === 0) return null;
	const problems = accounts
		.filter((account) => !isValidIBAN(electronicFormatIBAN(account) ?? ''))
		.map(
			(account) =>
				`Het rekeningnummer ${account} is geen geldig IBAN. Controleer het IBAN bij de verkopersgegevens; met een verkeerd nummer komt de betaling niet aan.`
		);
	return outcome('OS-IBAN', problems, 'Het IBAN is geldig');
};

/** PEPPOL-EN16931-R020: over Peppol the seller has an electronic address with a scheme. */
const sellerEndpoint: UblRule = (root) => {
	if (!isPeppol(root)) return null;
	const problems = hasEndpoint(root, 'AccountingSupplierParty')
		? []
		: ['De verkoper heeft geen Peppol-adres (KvK-nummer met code 0106) op de factuur. Vul het KvK-nummer in bij de verkopersgegevens.'];
	return outcome('PEPPOL-EN16931-R020', problems, 'Het Peppol-adres van de verkoper staat erop');
};

/** PEPPOL-EN16931-R010: over Peppol the buyer has an electronic address with a scheme. */
const buyerEndpoint: UblRule = (root) => {
	if (!isPeppol(root)) return null;
	const problems = hasEndpoint(root, 'AccountingCustomerParty')
		? []
		: [
				'De afnemer heeft geen Peppol-adres op de factuur. Zonder Peppol-ID, OIN of KvK-nummer van de afnemer kan de factuur niet via Peppol worden bezorgd; vul een van die nummers in bij de gegevens van de organisatie.'
			];
	return outcome('PEPPOL-EN16931-R010', problems, 'Het Peppol-adres van de afnemer staat erop');
};

/** In the order a reader meets them in the file. */
const DUTCH_RULES: readonly UblRule[] = [
	specification,
	typeCodeAllowed,
	typeCodeMatchesFormat,
	buyerReference,
	correctedInvoiceReference,
	sellerEndpoint,
	sellerLegalId,
	sellerAddress,
	sellerContact,
	buyerEndpoint,
	buyerAddress,
	buyerLegalId,
	paymentMeansPresent,
	paymentMeansCode,
	transferAccount,
	validIban
];

function typeCode(root: XmlElement): string | null {
	return textAt(root, isCreditNote(root) ? 'CreditNoteTypeCode' : 'InvoiceTypeCode');
}

function isDutchOrganisationNumber(companyId: XmlElement): boolean {
	const scheme = companyId.attributes.get('schemeID');
	return companyId.text !== '' && (scheme === SCHEME_KVK || scheme === SCHEME_OIN);
}

/** As in the Schematron: an address without a country counts as Dutch. */
function isDutch(address: XmlElement): boolean {
	const country = textAt(address, 'Country/IdentificationCode');
	return country === null || country.toUpperCase() === 'NL';
}

function missingAddressParts(address: XmlElement | undefined): string[] {
	const parts: [path: string, label: string][] = [
		['StreetName', 'straat en huisnummer'],
		['CityName', 'plaats'],
		['PostalZone', 'postcode']
	];
	return parts.filter(([path]) => address === undefined || textAt(address, path) === null).map(([, label]) => label);
}

/** UNCL 4461 30 (credit transfer) and 58 (SEPA credit transfer) need the payee's account (BR-61). */
function isCreditTransfer(code: string | null): boolean {
	return code === '30' || code === '58';
}

function isPeppol(root: XmlElement): boolean {
	return textAt(root, 'CustomizationID') === CUSTOMIZATION_IDS.peppol;
}

function hasEndpoint(root: XmlElement, party: 'AccountingSupplierParty' | 'AccountingCustomerParty'): boolean {
	const endpoint = select(root, `${party}/Party/EndpointID`)[0];
	return endpoint !== undefined && endpoint.text !== '' && (endpoint.attributes.get('schemeID') ?? '') !== '';
}
