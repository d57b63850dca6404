import type { Awareness } from 'y-protocols/awareness';
import { PRESENCE_FIELD } from './presence';
import { presenceStateSchema } from './schema';

/** Someone else on the canvas, as the list beside the whiteboard shows them. */
export interface Peer {
	clientId: number;
	name: string;
	color: string;
	/** Their cursor is on the canvas now (others see it move). */
	hasCursor: boolean;
}

/** The other people present, by name, from their (parsed, never trusted) awareness states. */
export function currentPeers(awareness: Awareness): Peer[] {
	const peers: Peer[] = [];
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const presence = presenceStateSchema.safeParse((state as Record<string, unknown>)[PRESENCE_FIELD]);
		if (!presence.success) continue;
		peers.push({ clientId, name: presence.data.name, color: presence.data.color, hasCursor: presence.data.cursor !== null });
	}
	return peers.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Calls `listener` with the peers whenever someone comes, goes or changes; returns the unsubscribe. */
export function watchPeers(awareness: Awareness, listener: (peers: Peer[]) => void): () => void {
	const handler = () => listener(currentPeers(awareness));
	awareness.on('change', handler);
	handler();
	return () => awareness.off('change', handler);
}
