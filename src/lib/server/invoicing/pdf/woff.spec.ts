import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sfntFromWoff } from './woff';

const require = createRequire(import.meta.url);
const woff = readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'));

/** The OpenType table checksum: the sum of the table's big-endian 32-bit words. */
function tableChecksum(data: Buffer): number {
	const padded = Buffer.alloc(Math.ceil(data.length / 4) * 4);
	data.copy(padded);
	let sum = 0;
	for (let offset = 0; offset < padded.length; offset += 4) sum = (sum + padded.readUInt32BE(offset)) >>> 0;
	return sum;
}

describe('sfntFromWoff', () => {
	it('unpacks every table to the bytes the WOFF file says it had', () => {
		const sfnt = sfntFromWoff(woff);
		expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4));
		const numTables = sfnt.readUInt16BE(4);
		expect(numTables).toBe(woff.readUInt16BE(12));
		expect(numTables).toBeGreaterThan(5);
		for (let index = 0; index < numTables; index++) {
			const record = 12 + index * 16;
			const tag = sfnt.toString('latin1', record, record + 4);
			const offset = sfnt.readUInt32BE(record + 8);
			const length = sfnt.readUInt32BE(record + 12);
			expect(offset % 4).toBe(0);
			expect(offset + length).toBeLessThanOrEqual(sfnt.length);
			// head's checksum is taken with its own checkSumAdjustment field zeroed.
			if (tag === 'head') continue;
			expect(tableChecksum(sfnt.subarray(offset, offset + length)), tag).toBe(sfnt.readUInt32BE(record + 4));
		}
	});

	it('refuses a file that is not WOFF 1.0', () => {
		expect(() => sfntFromWoff(new Uint8Array(64))).toThrow(/not a WOFF/);
	});
});
