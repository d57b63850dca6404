import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

// In-memory wiring for tests: two Y.Docs (or two awarenesses) that pass each other their updates,
// as the websocket server would, with a switch to hold updates back and create concurrent edits.

export interface DocLink {
	/** Holds updates back in both directions (both sides keep editing on their own). */
	pause(): void;
	/** Delivers what was held back and passes updates on again. */
	resume(): void;
	unlink(): void;
}

const relayed = Symbol('relayed by test link');

/** Connects two docs: every update of one is applied to the other (after an initial exchange). */
export function linkDocs(a: Y.Doc, b: Y.Doc): DocLink {
	let paused = false;
	const held: [Y.Doc, Uint8Array][] = [];
	const relay = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
		if (origin === relayed) return;
		if (paused) held.push([to, update]);
		else Y.applyUpdate(to, update, relayed);
	};
	const toB = relay(b);
	const toA = relay(a);
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), relayed);
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), relayed);
	a.on('update', toB);
	b.on('update', toA);
	return {
		pause: () => (paused = true),
		resume() {
			paused = false;
			for (const [to, update] of held.splice(0)) Y.applyUpdate(to, update, relayed);
		},
		unlink() {
			a.off('update', toB);
			b.off('update', toA);
		}
	};
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** Connects two awarenesses as the server would relay their messages. */
export function linkAwareness(a: awarenessProtocol.Awareness, b: awarenessProtocol.Awareness): () => void {
	const relay = (from: awarenessProtocol.Awareness, to: awarenessProtocol.Awareness) => {
		const handler = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
			if (origin === relayed) return;
			const clients = [...added, ...updated, ...removed];
			const update = awarenessProtocol.encodeAwarenessUpdate(from, clients);
			awarenessProtocol.applyAwarenessUpdate(to, update, relayed);
		};
		from.on('update', handler);
		return () => from.off('update', handler);
	};
	const initialA = awarenessProtocol.encodeAwarenessUpdate(a, [...a.getStates().keys()]);
	const initialB = awarenessProtocol.encodeAwarenessUpdate(b, [...b.getStates().keys()]);
	awarenessProtocol.applyAwarenessUpdate(b, initialA, relayed);
	awarenessProtocol.applyAwarenessUpdate(a, initialB, relayed);
	const stops = [relay(a, b), relay(b, a)];
	return () => stops.forEach((stop) => stop());
}
