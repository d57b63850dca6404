import { friendlyFormatIBAN } from 'ibantools';
import type { Seller } from '../invoice-document';
import type { DetailRow } from './detail-list';

/** `NL91 ABNA 0417 1643 00`: the grouped paper form of an IBAN, easy to read and retype. */
export function formatIban(iban: string): string {
	return friendlyFormatIBAN(iban) ?? iban;
}

/** The registration numbers the law asks on an invoice, on one line. */
export function sellerRegistrationLine(seller: Seller): string {
	return `KvK ${seller.kvk} · Btw-id ${seller.vatId}`;
}

/** The bank account on one line. */
export function sellerBankLine(seller: Seller): string {
	return seller.bic ? `IBAN ${formatIban(seller.iban)} · BIC ${seller.bic}` : `IBAN ${formatIban(seller.iban)}`;
}

/** Where money goes: account, holder and the reference to quote with the transfer. */
export function paymentDetailRows(seller: Seller, paymentReference: string): DetailRow[] {
	const rows: DetailRow[] = [{ label: 'IBAN', value: formatIban(seller.iban) }];
	if (seller.bic) rows.push({ label: 'BIC', value: seller.bic });
	rows.push({ label: 'Ten name van', value: seller.legalName }, { label: 'Betalingskenmerk', value: paymentReference });
	return rows;
}

/** How to reach the seller with a question: e-mail, and phone when there is one. */
export function sellerContactText(seller: Seller): string {
	return seller.phone ? `${seller.email} of ${seller.phone}` : seller.email;
}
