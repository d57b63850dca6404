/** The realtime server's limits, in one place. Tests pass smaller ones. */
export interface RealtimeLimits {
	/** Largest websocket frame accepted; a larger one closes the connection (1009). */
	maxFrameBytes: number;
	/** Largest presence state of one person: a cursor, a name, a few selected ids — not a document. */
	maxAwarenessBytes: number;
	/** A canvas whose stored size would pass this refuses further updates. */
	maxDocumentBytes: number;
	/** Messages per second a connection may send on average, and the burst it may save up. */
	messagesPerSecond: number;
	messageBurst: number;
	/** Bytes per second a connection may send on average, and the burst. */
	bytesPerSecond: number;
	byteBurst: number;
	/** Presence changes are gathered this long and sent as one message per member. */
	presenceWindowMs: number;
	/** Bytes waiting to be sent to one connection before it is cut off (it stopped reading). */
	maxBufferedBytes: number;
	/** Compact the log into the snapshot after this many rows or bytes since the last one. */
	compactAfterRows: number;
	compactAfterBytes: number;
	/** Unload a canvas from memory (after compacting it) this long after its last member left. */
	idleUnloadMs: number;
	/** How often open connections re-check that their holder may still be there. */
	accessRecheckMs: number;
}

export const defaultLimits: RealtimeLimits = Object.freeze({
	maxFrameBytes: 2 * 1024 * 1024,
	maxAwarenessBytes: 8 * 1024,
	maxDocumentBytes: 64 * 1024 * 1024,
	// tldraw sends at most 30 document flushes and 20 presence updates a second; room to spare.
	messagesPerSecond: 120,
	messageBurst: 600,
	bytesPerSecond: 2 * 1024 * 1024,
	byteBurst: 8 * 1024 * 1024,
	presenceWindowMs: 50,
	maxBufferedBytes: 96 * 1024 * 1024,
	compactAfterRows: 500,
	compactAfterBytes: 1024 * 1024,
	idleUnloadMs: 30_000,
	accessRecheckMs: 30_000
});
