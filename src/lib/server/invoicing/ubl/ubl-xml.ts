import { create } from 'xmlbuilder2';
import type { Buyer, InvoiceDocument, InvoiceLine, PostalAddress, Seller, VatSubtotal } from '../invoice-document';
import { formatUblAmount, formatUblPercent } from './ubl-numbers';
import {
	BILLING_PROFILE_ID,
	CUSTOMIZATION_IDS,
	PAYMENT_MEANS_SEPA_CREDIT_TRANSFER,
	SCHEME_KVK,
	SCHEME_OIN,
	TYPE_CODE_CREDIT_NOTE,
	TYPE_CODE_INVOICE,
	UBL_NAMESPACES,
	UNIT_CODE_ONE
} from './ubl-identifiers';

/**
 * An element tree in xmlbuilder2's object notation: keys are element names (or `@attribute`,
 * `#` for text), written in insertion order. The UBL 2.1 schema fixes the order of every child
 * element, so each object below lists its keys in the schema's sequence. An `undefined` value
 * writes nothing, which keeps optional elements readable as `cond ? … : undefined`.
 */
type XmlTree = { [name: string]: string | XmlTree | XmlTree[] | undefined };

/**
 * The invoice or credit note as a UBL 2.1 file, following SI-UBL 2.0 (NLCIUS) or Peppol BIS
 * Billing 3.0 as `document.profile` says. Dutch public bodies receive it through Peppol or their
 * e-invoicing portal and book it without retyping.
 */
export function toUblXml(document: InvoiceDocument): string {
	const isCreditNote = document.kind === 'credit-note';
	const root: XmlTree = {
		'@xmlns': isCreditNote ? UBL_NAMESPACES.creditNote : UBL_NAMESPACES.invoice,
		'@xmlns:cac': UBL_NAMESPACES.aggregate,
		'@xmlns:cbc': UBL_NAMESPACES.basic,
		'cbc:CustomizationID': CUSTOMIZATION_IDS[document.profile],
		'cbc:ProfileID': BILLING_PROFILE_ID,
		'cbc:ID': document.number,
		'cbc:IssueDate': document.issueDate,
		// A UBL 2.1 CreditNote has no DueDate: its due date goes into PaymentMeans below.
		'cbc:DueDate': isCreditNote ? undefined : document.dueDate,
		...(isCreditNote ? { 'cbc:CreditNoteTypeCode': TYPE_CODE_CREDIT_NOTE } : { 'cbc:InvoiceTypeCode': TYPE_CODE_INVOICE }),
		'cbc:Note': documentNote(document),
		'cbc:DocumentCurrencyCode': document.currency,
		'cbc:BuyerReference': optional(document.buyerReference),
		'cac:OrderReference': element('cbc:ID', optional(document.orderReference)),
		'cac:BillingReference': billingReference(document),
		'cac:AccountingSupplierParty': { 'cac:Party': sellerParty(document.seller) },
		'cac:AccountingCustomerParty': { 'cac:Party': buyerParty(document.buyer) },
		'cac:PaymentMeans': paymentMeans(document),
		'cac:PaymentTerms': element('cbc:Note', optional(document.paymentTerms)),
		'cac:TaxTotal': taxTotal(document),
		'cac:LegalMonetaryTotal': {
			'cbc:LineExtensionAmount': amount(document.totals.netCents),
			// No allowances or charges on document level, so the total without VAT is the line sum.
			'cbc:TaxExclusiveAmount': amount(document.totals.netCents),
			'cbc:TaxInclusiveAmount': amount(document.totals.grossCents),
			'cbc:PayableAmount': amount(document.totals.payableCents)
		},
		[isCreditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']: document.lines.map((line) => invoiceLine(document, line))
	};
	return create({ version: '1.0', encoding: 'UTF-8' }, { [isCreditNote ? 'CreditNote' : 'Invoice']: root }).end({
		prettyPrint: true
	});
}

/** Peppol allows one document note (PEPPOL-EN16931-R002), so the subject and the free note share it. */
function documentNote(document: InvoiceDocument): string | undefined {
	return optional([document.subject, document.note].filter((part) => optional(part) !== undefined).join('\n'));
}

function billingReference(document: InvoiceDocument): XmlTree | undefined {
	if (document.kind !== 'credit-note' || !document.credits) return undefined;
	return {
		'cac:InvoiceDocumentReference': {
			'cbc:ID': document.credits.number,
			// SI-UBL 2.0 advises against the preceding invoice's date (BR-NL-24, a warning); Peppol
			// BIS welcomes it.
			'cbc:IssueDate': document.profile === 'peppol' ? document.credits.issueDate : undefined
		}
	};
}

function sellerParty(seller: Seller): XmlTree {
	return {
		'cbc:EndpointID': identifier(SCHEME_KVK, seller.kvk),
		'cac:PartyName': { 'cbc:Name': seller.legalName },
		'cac:PostalAddress': postalAddress(seller.address),
		'cac:PartyTaxScheme': { 'cbc:CompanyID': seller.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } },
		'cac:PartyLegalEntity': {
			'cbc:RegistrationName': seller.legalName,
			'cbc:CompanyID': identifier(SCHEME_KVK, seller.kvk)
		},
		'cac:Contact': {
			'cbc:Telephone': optional(seller.phone),
			'cbc:ElectronicMail': seller.email
		}
	};
}

function buyerParty(buyer: Buyer): XmlTree {
	const endpoint = buyerEndpoint(buyer);
	const legalId = buyer.oin ? identifier(SCHEME_OIN, buyer.oin) : buyer.kvk ? identifier(SCHEME_KVK, buyer.kvk) : undefined;
	return {
		'cbc:EndpointID': endpoint ? identifier(endpoint.scheme, endpoint.id) : undefined,
		'cac:PartyName': { 'cbc:Name': buyer.legalName },
		'cac:PostalAddress': postalAddress(buyer.address),
		'cac:PartyLegalEntity': { 'cbc:RegistrationName': buyer.legalName, 'cbc:CompanyID': legalId },
		'cac:Contact': {
			// BT-56, the buyer's contact point, may be a department: where the invoice should land.
			'cbc:Name': optional(buyer.department),
			'cbc:ElectronicMail': buyer.email
		}
	};
}

/**
 * Where the buyer receives e-invoices (BT-49): its Peppol id, else its OIN or KvK number. An
 * e-mail address is no Peppol endpoint, so without a number there is no endpoint at all.
 */
function buyerEndpoint(buyer: Buyer): { scheme: string; id: string } | null {
	const separator = buyer.peppolId?.indexOf(':') ?? -1;
	if (buyer.peppolId && separator > 0) {
		return { scheme: buyer.peppolId.slice(0, separator), id: buyer.peppolId.slice(separator + 1) };
	}
	if (buyer.oin) return { scheme: SCHEME_OIN, id: buyer.oin };
	if (buyer.kvk) return { scheme: SCHEME_KVK, id: buyer.kvk };
	return null;
}

function postalAddress(address: PostalAddress): XmlTree {
	return {
		'cbc:StreetName': address.street,
		'cbc:CityName': address.city,
		'cbc:PostalZone': address.postcode,
		'cac:Country': { 'cbc:IdentificationCode': address.countryCode }
	};
}

function paymentMeans(document: InvoiceDocument): XmlTree {
	return {
		'cbc:PaymentMeansCode': PAYMENT_MEANS_SEPA_CREDIT_TRANSFER,
		'cbc:PaymentDueDate': document.kind === 'credit-note' ? document.dueDate : undefined,
		'cbc:PaymentID': document.paymentReference,
		'cac:PayeeFinancialAccount': {
			'cbc:ID': document.seller.iban,
			// SI-UBL 2.0 advises against a BIC on SEPA payments (BR-NL-31, a warning): the IBAN is enough.
			'cac:FinancialInstitutionBranch': element('cbc:ID', document.profile === 'peppol' ? optional(document.seller.bic) : undefined)
		}
	};
}

function taxTotal(document: InvoiceDocument): XmlTree {
	return {
		'cbc:TaxAmount': amount(document.totals.vatCents),
		'cac:TaxSubtotal': document.vat.map(taxSubtotal)
	};
}

function taxSubtotal(subtotal: VatSubtotal): XmlTree {
	return {
		'cbc:TaxableAmount': amount(subtotal.taxableCents),
		'cbc:TaxAmount': amount(subtotal.vatCents),
		'cac:TaxCategory': {
			'cbc:ID': subtotal.category,
			'cbc:Percent': formatUblPercent(subtotal.rateBp),
			'cbc:TaxExemptionReason': subtotal.category === 'E' ? optional(subtotal.exemptionReason) : undefined,
			'cac:TaxScheme': { 'cbc:ID': 'VAT' }
		}
	};
}

function invoiceLine(document: InvoiceDocument, line: InvoiceLine): XmlTree {
	const allowance: XmlTree | undefined =
		line.discountCents > 0
			? {
					'cbc:ChargeIndicator': 'false',
					// Every line allowance needs a reason or reason code (BR-42).
					'cbc:AllowanceChargeReason': optional(line.discountReason) ?? 'Korting',
					'cbc:Amount': amount(line.discountCents)
				}
			: undefined;
	const quantity = { '@unitCode': UNIT_CODE_ONE, '#': String(line.quantity) };
	return {
		'cbc:ID': line.id,
		...(document.kind === 'credit-note' ? { 'cbc:CreditedQuantity': quantity } : { 'cbc:InvoicedQuantity': quantity }),
		'cbc:LineExtensionAmount': amount(line.netCents),
		'cac:InvoicePeriod': { 'cbc:StartDate': line.period.start, 'cbc:EndDate': line.period.end },
		'cac:AllowanceCharge': allowance,
		'cac:Item': {
			'cbc:Description': line.description,
			'cbc:Name': line.itemName,
			// The exemption reason belongs in the VAT breakdown only, not on the line (UBL-CR-601).
			'cac:ClassifiedTaxCategory': {
				'cbc:ID': line.vatCategory,
				'cbc:Percent': formatUblPercent(line.vatRateBp),
				'cac:TaxScheme': { 'cbc:ID': 'VAT' }
			}
		},
		'cac:Price': { 'cbc:PriceAmount': amount(line.unitNetCents) }
	};
}

/** Optional text, left out when empty: SI-UBL 2.0 warns about empty elements (SI-UBL-2). */
function optional(text: string | null): string | undefined {
	return text === null || text.trim() === '' ? undefined : text;
}

/** `{ name: text }`, or nothing when there is no text: for an aggregate around one optional value. */
function element(name: string, text: string | undefined): XmlTree | undefined {
	return text === undefined ? undefined : { [name]: text };
}

function amount(cents: number): XmlTree {
	return { '@currencyID': 'EUR', '#': formatUblAmount(cents) };
}

function identifier(scheme: string, id: string): XmlTree {
	return { '@schemeID': scheme, '#': id };
}
