import type { FeeSettings } from '$lib/fees/fee-settings';
import type { Programme } from './schema';

/** The fee settings of a published programme, for the fee function in the browser and on the server. */
export function feeSettingsOf(programme: Pick<Programme, 'feeCents' | 'vatRateBp' | 'fee'>): FeeSettings {
	return {
		feeCents: programme.feeCents,
		vatMode: programme.fee.vatMode,
		vatRateBp: programme.vatRateBp,
		exemptionText: programme.fee.exemptionText,
		furtherParticipantDiscountCents: programme.fee.furtherParticipantDiscountCents,
		freeCancellationUntil: programme.fee.freeCancellationUntil,
		cancellationFeeCents: programme.fee.cancellationFeeCents
	};
}
