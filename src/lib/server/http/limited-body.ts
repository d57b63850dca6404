/** A request body read up to a limit, or why it could not be. */
export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; problem: 'too-large' | 'incomplete' };

/**
 * Reads a request body into memory, but stops (and cancels the stream) as soon as it passes
 * `maxBytes`: a client that sends more than it said, or says nothing (chunked), cannot make the
 * server buffer more than the limit. A body that breaks off, or that adapter-node refuses because
 * it passes BODY_SIZE_LIMIT (its error has status 413), is a problem of the request, not a crash.
 */
export async function readLimitedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<LimitedBody> {
	if (!body) return { ok: true, bytes: new Uint8Array() };
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) {
				await reader.cancel().catch(() => {});
				return { ok: false, problem: 'too-large' };
			}
			chunks.push(value);
		}
	} catch (error) {
		return { ok: false, problem: statusOf(error) === 413 ? 'too-large' : 'incomplete' };
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return { ok: true, bytes };
}

function statusOf(error: unknown): unknown {
	return typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
}
