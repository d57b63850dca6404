/**
 * Where an invoice stands with its money. Derived, never stored: from the payments, whether a
 * credit note exists, and the due date against today's date in Amsterdam. There is no automatic
 * cancellation of unpaid registrations — an overdue invoice gets a reminder, nothing more.
 */
import type { AgeingBucket, InvoiceStatus } from '$lib/invoicing/labels';

export type { AgeingBucket, InvoiceStatus };

export function invoiceStatus(
	invoice: { kind: 'invoice' | 'credit-note'; grossCents: number; paidCents: number; credited: boolean; dueDate: string },
	today: string
): InvoiceStatus {
	if (invoice.kind === 'credit-note') return 'credit-note';
	if (invoice.credited) return 'credited';
	if (invoice.paidCents >= invoice.grossCents) return 'paid';
	return invoice.dueDate < today ? 'overdue' : 'open';
}

/** What is still to be paid on an invoice (nothing once credited or paid). */
export function outstandingCents(invoice: { kind: 'invoice' | 'credit-note'; grossCents: number; paidCents: number; credited: boolean }): number {
	if (invoice.kind === 'credit-note' || invoice.credited) return 0;
	return Math.max(0, invoice.grossCents - invoice.paidCents);
}

/** The ageing bucket of an outstanding amount, by days past the due date. */
export function ageingBucket(daysOverdue: number): AgeingBucket {
	if (daysOverdue <= 0) return 'not-due';
	if (daysOverdue <= 30) return '1-30';
	if (daysOverdue <= 60) return '31-60';
	if (daysOverdue <= 90) return '61-90';
	return 'over-90';
}
