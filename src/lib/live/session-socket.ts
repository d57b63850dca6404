import { ClockOffset } from './clock';
import { serverMessageSchema, type ParticipantView, type SessionView } from './session-view';

/** The state of the session channel as a screen shows it. */
export type ChannelStatus = 'connecting' | 'live' | 'offline' | 'denied';

export interface SessionSocketOptions {
	sessionId: string;
	onState(view: SessionView, you: ParticipantView | null): void;
	onStatus?(status: ChannelStatus): void;
	/** The best estimate so far of server time minus this device's time. */
	onOffset?(offsetMs: number): void;
	WebSocketImpl?: typeof WebSocket;
	origin?: string;
}

/**
 * The browser's end of a session's channel: receives the state, estimates the clock offset with
 * pings (a burst on every connect, then one every 15 s), and reconnects with backoff. It never
 * sends anything but pings.
 */
export function openSessionSocket(options: SessionSocketOptions): { close(): void } {
	const Impl = options.WebSocketImpl ?? WebSocket;
	const origin = (options.origin ?? location.origin).replace(/^http/, 'ws');
	const clock = new ClockOffset();
	let socket: WebSocket | undefined;
	let closed = false;
	let attempt = 0;
	let pingId = 0;
	let timers: ReturnType<typeof setTimeout>[] = [];
	let pinger: ReturnType<typeof setInterval> | undefined;

	const ping = () => {
		if (socket?.readyState === Impl.OPEN) socket.send(JSON.stringify({ type: 'ping', id: ++pingId, sent: Date.now() }));
	};

	const connect = () => {
		if (closed) return;
		options.onStatus?.('connecting');
		const ws = new Impl(`${origin}/ws/sessie/${options.sessionId}`);
		socket = ws;
		ws.onopen = () => {
			attempt = 0;
			options.onStatus?.('live');
			// A burst of pings right away: the countdown is right within the first second.
			for (let i = 0; i < 5; i++) timers.push(setTimeout(ping, i * 150));
			pinger = setInterval(ping, 15_000);
		};
		ws.onmessage = (event) => {
			let data: unknown;
			try {
				data = JSON.parse(String(event.data));
			} catch {
				return;
			}
			const message = serverMessageSchema.safeParse(data);
			if (!message.success) return;
			if (message.data.type === 'state') options.onState(message.data.view, message.data.you);
			else {
				clock.add({ sent: message.data.sent, server: message.data.server, received: Date.now() });
				options.onOffset?.(clock.offsetMs);
			}
		};
		ws.onclose = (event) => {
			clearInterval(pinger);
			if (closed) return;
			// 1008 after refusal at the door shows as 1006 in browsers; a few tries, then slower.
			if (event.code === 4403) {
				options.onStatus?.('denied');
				return;
			}
			options.onStatus?.('offline');
			const delay = Math.min(10_000, 500 * 2 ** attempt++);
			timers.push(setTimeout(connect, delay));
		};
	};
	connect();

	return {
		close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers = [];
			clearInterval(pinger);
			socket?.close();
		}
	};
}
