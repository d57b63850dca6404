import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { linkAwareness } from './test-sync';
import { currentPeers, watchPeers } from './peers';

describe('peers', () => {
	it('lists the others by name, with whether their cursor is on the canvas, and skips junk', () => {
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		const junk = new Awareness(new Y.Doc());
		linkAwareness(mine, theirs);
		linkAwareness(mine, junk);
		mine.setLocalStateField('canvas', { name: 'Anouk', color: '#1d4ed8', pageId: 'page:page', cursor: null, selection: [] });
		theirs.setLocalStateField('canvas', { name: 'Bram', color: '#b91c1c', pageId: 'page:page', cursor: { x: 1, y: 2 }, selection: [] });
		junk.setLocalStateField('canvas', { name: '<script>', color: 'red' });

		expect(currentPeers(mine)).toEqual([{ clientId: theirs.clientID, name: 'Bram', color: '#b91c1c', hasCursor: true }]);
	});

	it('tells when someone leaves', () => {
		const mine = new Awareness(new Y.Doc());
		const theirs = new Awareness(new Y.Doc());
		linkAwareness(mine, theirs);
		const seen: string[][] = [];
		const stop = watchPeers(mine, (peers) => seen.push(peers.map((peer) => peer.name)));
		theirs.setLocalStateField('canvas', { name: 'Bram', color: '#b91c1c', pageId: 'page:page', cursor: null, selection: [] });
		theirs.setLocalState(null);
		stop();
		expect(seen).toEqual([[], ['Bram'], []]);
	});
});
