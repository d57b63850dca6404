/**
 * Something invoicing will not do, with a Dutch message for the organizer (or participant) and
 * the form field it is about. Routes turn it into a 4xx; the transaction it was thrown in rolls
 * back, so nothing is half-written and no invoice number is used up.
 */
export class InvoicingRefused extends Error {
	override name = 'InvoicingRefused';
	constructor(
		readonly reason:
			| 'not-found'
			| 'no-seller'
			| 'nothing-to-invoice'
			| 'no-reference'
			| 'no-buyer-id'
			| 'invalid-document'
			| 'already-credited'
			| 'not-an-invoice'
			| 'payment-too-large'
			| 'payment-date',
		message: string,
		readonly field = 'formulier'
	) {
		super(message);
	}

	/** The HTTP status a route answers with. */
	get status(): 404 | 409 | 400 {
		if (this.reason === 'not-found') return 404;
		if (this.reason === 'payment-too-large' || this.reason === 'payment-date') return 400;
		return 409;
	}
}
