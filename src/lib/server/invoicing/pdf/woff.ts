import { inflateSync } from 'node:zlib';

/**
 * Unpacks a WOFF 1.0 font into the plain TrueType/OpenType (sfnt) file it wraps
 * (https://www.w3.org/TR/WOFF/). pdfkit reads WOFF itself, but inflates every table in pure
 * JavaScript for every document, which took most of the time of rendering an invoice; the
 * native zlib does it once per process.
 */
export function sfntFromWoff(woff: Uint8Array): Buffer {
	const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
	if (input.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
	const flavor = input.readUInt32BE(4);
	const numTables = input.readUInt16BE(12);

	const tables = Array.from({ length: numTables }, (_, index) => {
		const entry = 44 + index * 20;
		const tag = input.readUInt32BE(entry);
		const offset = input.readUInt32BE(entry + 4);
		const compLength = input.readUInt32BE(entry + 8);
		const origLength = input.readUInt32BE(entry + 12);
		const checksum = input.readUInt32BE(entry + 16);
		const stored = input.subarray(offset, offset + compLength);
		// A table is stored as is when compressing would not have made it smaller.
		const data = compLength < origLength ? inflateSync(stored) : stored;
		if (data.length !== origLength) throw new Error(`WOFF table ${tag.toString(16)} has the wrong length`);
		return { tag, checksum, data };
	});

	const entrySelector = Math.floor(Math.log2(numTables));
	const searchRange = 2 ** entrySelector * 16;
	const header = Buffer.alloc(12 + 16 * numTables);
	header.writeUInt32BE(flavor, 0);
	header.writeUInt16BE(numTables, 4);
	header.writeUInt16BE(searchRange, 6);
	header.writeUInt16BE(entrySelector, 8);
	header.writeUInt16BE(numTables * 16 - searchRange, 10);

	const chunks: Buffer[] = [header];
	let offset = header.length;
	tables.forEach((table, index) => {
		const record = 12 + index * 16;
		header.writeUInt32BE(table.tag, record);
		header.writeUInt32BE(table.checksum, record + 4);
		header.writeUInt32BE(offset, record + 8);
		header.writeUInt32BE(table.data.length, record + 12);
		// Every table starts on a four-byte boundary.
		const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
		table.data.copy(padded);
		chunks.push(padded);
		offset += padded.length;
	});
	return Buffer.concat(chunks);
}
