import { describe, expect, it } from 'vitest';
import { withoutAddresses } from './worker';

describe('withoutAddresses', () => {
	it('keeps the SMTP reply but not the addresses it quotes', () => {
		expect(withoutAddresses('550 5.1.1 <anne.devries@zandvoort.nl>: Recipient address rejected')).toBe(
			'550 5.1.1 <<adres>>: Recipient address rejected'
		);
		expect(withoutAddresses('451 Try again later')).toBe('451 Try again later');
	});
});
