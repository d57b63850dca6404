import { describe, expect, it } from 'vitest';
import { readLimitedBody } from './limited-body';

/** A body that arrives in the given chunks, then ends (or breaks off with `failWith`). */
function streamOf(chunks: number[], failWith?: unknown): ReadableStream<Uint8Array> & { cancelled: () => boolean } {
	let cancelled = false;
	let next = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			const size = chunks[next++];
			if (size !== undefined) controller.enqueue(new Uint8Array(size).fill(next));
			else if (failWith !== undefined) controller.error(failWith);
			else controller.close();
		},
		cancel() {
			cancelled = true;
		}
	});
	return Object.assign(stream, { cancelled: () => cancelled });
}

describe('readLimitedBody', () => {
	it('joins the chunks of a body up to and including the limit', async () => {
		const result = await readLimitedBody(streamOf([3, 4, 3]), 10);
		expect(result).toEqual({ ok: true, bytes: new Uint8Array([1, 1, 1, 2, 2, 2, 2, 3, 3, 3]) });
	});

	it('reads no body as empty', async () => {
		expect(await readLimitedBody(null, 10)).toEqual({ ok: true, bytes: new Uint8Array() });
	});

	it('stops at the first chunk past the limit and cancels the rest', async () => {
		const body = streamOf([6, 6, 1_000_000]);
		expect(await readLimitedBody(body, 10)).toEqual({ ok: false, problem: 'too-large' });
		expect(body.cancelled()).toBe(true);
	});

	it('turns adapter-node’s 413 into too-large and any other break into incomplete', async () => {
		const refused = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), { status: 413 });
		expect(await readLimitedBody(streamOf([2], refused), 10)).toEqual({ ok: false, problem: 'too-large' });
		expect(await readLimitedBody(streamOf([2], new Error('aborted')), 10)).toEqual({ ok: false, problem: 'incomplete' });
	});
});
