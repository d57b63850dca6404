import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Takes over an HTTP upgrade (a websocket handshake) for the paths it was registered for. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The websocket endpoints of the app, by path prefix. The production server and the Vite dev
 * server both hand their `upgrade` events to `dispatch`, so an endpoint is written once and
 * served on the app's own port in both.
 */
export class UpgradeRoutes {
	readonly #routes = new Map<string, UpgradeHandler>();

	/** Registers `handler` for every path that starts with `prefix` (for example `/ws/canvas/`). */
	add(prefix: string, handler: UpgradeHandler): void {
		if (!prefix.startsWith('/')) throw new Error(`upgrade prefix must start with '/': ${prefix}`);
		if (this.#routes.has(prefix)) throw new Error(`upgrade prefix registered twice: ${prefix}`);
		this.#routes.set(prefix, handler);
	}

	/**
	 * Hands the upgrade to the endpoint whose prefix matches the request path. Returns false when
	 * none does, leaving the socket alone (in development Vite's own HMR socket is such a case).
	 */
	dispatch(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		// Node removes its own error listener before it emits 'upgrade': without one, a client that
		// resets the connection mid-handshake would crash the process with an unhandled 'error'.
		if (socket.listenerCount('error') === 0) socket.on('error', () => socket.destroy());
		const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
		for (const [prefix, handler] of this.#routes) {
			if (path.startsWith(prefix)) {
				handler(request, socket, head);
				return true;
			}
		}
		return false;
	}

	/** For the production server, where every upgrade is ours: unknown paths get a 404. */
	dispatchOrReject(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		if (!this.dispatch(request, socket, head)) rejectUpgrade(socket, 404, 'Not Found');
	}
}

/** Ends an upgrade that nobody takes with a plain HTTP answer, so the client sees why. */
export function rejectUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 429 | 503, reason: string): void {
	const text = `${reason}\n`;
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
			`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
	);
}
