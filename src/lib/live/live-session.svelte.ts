import { onMount, untrack } from 'svelte';
import { remainingMs } from './clock';
import { openSessionSocket, type ChannelStatus } from './session-socket';
import type { ParticipantView, SessionView } from './session-view';

/**
 * A live session on one screen (room, console, big screen): starts from what the page was
 * rendered with, then follows the session channel. A state older than the one shown (a slow
 * page load racing the channel) is ignored. `remaining` ticks four times a second on the
 * server's clock, so every screen counts down together whatever its own clock says.
 */
export class LiveSession {
	view = $state<SessionView>() as SessionView;
	you = $state<ParticipantView | null>(null);
	status = $state<ChannelStatus>('connecting');
	offsetMs = $state(0);
	/** Server time now, as this device best knows it; updated every 250 ms. */
	serverNow = $state(Date.now());
	remaining = $derived(remainingMs(this.view, this.serverNow));

	/**
	 * `initialState` is read once: what the page was rendered with. `connect` false for someone
	 * who has not joined (the channel would refuse them anyway).
	 */
	constructor(initialState: () => { view: SessionView; you: ParticipantView | null }, connect = true) {
		const initial = initialState();
		this.view = initial.view;
		this.you = initial.you;
		onMount(() => {
			if (!connect) return;
			const socket = openSessionSocket({
				sessionId: initial.view.sessionId,
				onState: (view, you) => this.accept(view, you),
				onStatus: (status) => (this.status = status),
				onOffset: (offset) => {
					this.offsetMs = offset;
					this.serverNow = Date.now() + offset;
				}
			});
			const tick = setInterval(() => (this.serverNow = Date.now() + this.offsetMs), 250);
			return () => {
				clearInterval(tick);
				socket.close();
			};
		});
	}

	/** Takes a newer state (from the channel, or from the page after an action). */
	accept(view: SessionView, you: ParticipantView | null): void {
		// Untracked: an effect that hands the page's data in must not re-run on what it writes.
		if (view.version < untrack(() => this.view.version)) return;
		this.view = view;
		this.you = you;
	}
}
