/** Dutch words for invoice states, for pages in the browser and on the server alike. */

export type InvoiceStatus = 'open' | 'paid' | 'overdue' | 'credited' | 'credit-note';

export const invoiceStatusLabel: Record<InvoiceStatus, string> = {
	open: 'Openstaand',
	paid: 'Betaald',
	overdue: 'Vervallen',
	credited: 'Gecrediteerd',
	'credit-note': 'Creditnota'
};

export type AgeingBucket = 'not-due' | '1-30' | '31-60' | '61-90' | 'over-90';

export const ageingBucketLabel: Record<AgeingBucket, string> = {
	'not-due': 'Nog niet vervallen',
	'1-30': '1–30 dagen over de vervaldatum',
	'31-60': '31–60 dagen',
	'61-90': '61–90 dagen',
	'over-90': 'Meer dan 90 dagen'
};

export type BillingStage = 'nothing-owed' | 'ready' | 'awaiting-reference' | 'awaiting-buyer-id' | 'invoiced' | 'needs-correction';

export const billingStageLabel: Record<BillingStage, string> = {
	'nothing-owed': 'Niets te factureren',
	ready: 'Klaar om te factureren',
	'awaiting-reference': 'Wacht op inkoopordernummer of referentie',
	'awaiting-buyer-id': 'Wacht op KvK-nummer of OIN van de afnemer',
	invoiced: 'Gefactureerd',
	'needs-correction': 'Factuur moet worden gecorrigeerd'
};
