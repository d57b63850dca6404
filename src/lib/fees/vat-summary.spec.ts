import { describe, expect, it } from 'vitest';
import { vatSummary, type VatLine } from './vat-summary';

const standard = (netCents: number, vatRateBp = 2_100): VatLine => ({ netCents, vatCategory: 'S', vatRateBp });
const exempt = (netCents: number): VatLine => ({ netCents, vatCategory: 'E', vatRateBp: 0 });

describe('vatSummary', () => {
	it('computes VAT on the sum per rate, not per line', () => {
		// Per line: 50 × 21% = 10.5 → 11, three times 33. On the sum: 150 × 21% = 31.5 → 32.
		const summary = vatSummary([standard(50), standard(50), standard(50)], null);
		expect(summary.vat).toEqual([{ category: 'S', rateBp: 2_100, taxableCents: 150, vatCents: 32, exemptionReason: null }]);
		expect(summary.totals).toEqual({ netCents: 150, vatCents: 32, grossCents: 182, payableCents: 182 });
	});

	it('groups by category and rate: standard rates highest first, then exempt', () => {
		const summary = vatSummary([exempt(500), standard(1_000, 900), standard(1_000), standard(2_000), exempt(250)], 'Vrijgesteld op grond van art. 11 Wet OB');
		expect(summary.vat).toEqual([
			{ category: 'S', rateBp: 2_100, taxableCents: 3_000, vatCents: 630, exemptionReason: null },
			{ category: 'S', rateBp: 900, taxableCents: 1_000, vatCents: 90, exemptionReason: null },
			{ category: 'E', rateBp: 0, taxableCents: 750, vatCents: 0, exemptionReason: 'Vrijgesteld op grond van art. 11 Wet OB' }
		]);
		// 3 000 + 1 000 + 750 net; 630 + 90 VAT.
		expect(summary.totals).toEqual({ netCents: 4_750, vatCents: 720, grossCents: 5_470, payableCents: 5_470 });
	});

	it('puts exempt lines in one row at 0%, whatever rate they carry', () => {
		const summary = vatSummary([{ netCents: 100, vatCategory: 'E', vatRateBp: 2_100 }, exempt(200)], 'Vrijgesteld');
		expect(summary.vat).toEqual([{ category: 'E', rateBp: 0, taxableCents: 300, vatCents: 0, exemptionReason: 'Vrijgesteld' }]);
	});

	it('rounds a credit note the same way, away from zero', () => {
		// −150 × 21% = −31.5 → −32.
		const summary = vatSummary([standard(-50), standard(-50), standard(-50)], null);
		expect(summary.totals).toEqual({ netCents: -150, vatCents: -32, grossCents: -182, payableCents: -182 });
	});

	it('keeps lines of zero, so a free event still has a VAT row', () => {
		expect(vatSummary([standard(0)], null).vat).toEqual([{ category: 'S', rateBp: 2_100, taxableCents: 0, vatCents: 0, exemptionReason: null }]);
	});

	it('gives zero totals for no lines', () => {
		expect(vatSummary([], null)).toEqual({ vat: [], totals: { netCents: 0, vatCents: 0, grossCents: 0, payableCents: 0 } });
	});
});
