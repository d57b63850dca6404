import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { z } from 'zod';

/**
 * The live connection of one canvas: its Y.Doc, kept in sync over our y-websocket endpoint with
 * a room token fetched from the app before every (re)connect, and optionally kept offline in the
 * browser (IndexedDB) so work survives bad Wi-Fi and a closed laptop. No React, no DOM needed:
 * the benchmark runs it in Node with the `ws` package.
 */

export type ConnectionStatus = 'connecting' | 'connected' | 'offline' | 'denied' | 'full';

/** What the status means for a participant, in plain Dutch. */
export const statusText: Record<ConnectionStatus, string> = {
	connecting: 'Verbinden met het canvas…',
	connected: 'Verbonden: wijzigingen worden direct gedeeld en bewaard.',
	offline: 'Verbinding verbroken – je werk wordt bewaard en gesynchroniseerd zodra je weer online bent.',
	denied: 'Je hebt (nu) geen toegang tot dit canvas.',
	full: 'Dit canvas is vol: er kan niets meer bij. Vraag de begeleider om een nieuw canvas.'
};

/** Close codes after which reconnecting cannot help (see CloseCode on the server). */
const FINAL_CLOSES: Record<number, ConnectionStatus> = { 4403: 'denied', 4413: 'full' };

export const roomTokenResponseSchema = z.object({
	token: z.string().min(1),
	expiresAt: z.iso.datetime(),
	role: z.enum(['editor', 'viewer']),
	socketPath: z.string().startsWith('/')
});
export type RoomTokenResponse = z.infer<typeof roomTokenResponseSchema>;

/** Thrown by a token fetcher when the app refuses access (403/404): do not retry. */
export class AccessDenied extends Error {}

export interface CanvasConnectionOptions {
	canvasId: string;
	/** `ws://host` or `wss://host` of the app. */
	socketOrigin: string;
	/** Asks the app for a fresh room token. */
	fetchToken: () => Promise<RoomTokenResponse>;
	/** The WebSocket implementation (the browser's by default; `ws` in Node). */
	WebSocketImpl?: typeof WebSocket;
	/** Offline persistence of the doc; resolves when the local copy is loaded. */
	persistOffline?: (name: string, doc: Y.Doc) => { whenSynced: Promise<unknown>; destroy(): unknown };
	onStatus?: (status: ConnectionStatus) => void;
	/** Before each token expires, a new one is fetched; this is how long before. */
	refreshMarginMs?: number;
}

export interface CanvasConnection {
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	/** The role the app granted: viewers' edits are not stored, so the UI is read-only. */
	readonly role: 'editor' | 'viewer';
	/** Resolves once the server's document has arrived (the first sync). */
	readonly synced: Promise<void>;
	status(): ConnectionStatus;
	destroy(): void;
}

/** Opens a canvas: fetches a token, loads the offline copy, connects and keeps the token fresh. */
export async function openCanvasConnection(options: CanvasConnectionOptions): Promise<CanvasConnection> {
	const refreshMargin = options.refreshMarginMs ?? 60_000;
	const doc = new Y.Doc();
	const offline = options.persistOffline?.(`ontwerpsessies-canvas-${options.canvasId}`, doc);

	let grant: RoomTokenResponse;
	try {
		grant = await options.fetchToken();
	} catch (error) {
		offline?.destroy();
		doc.destroy();
		throw error;
	}
	await offline?.whenSynced;

	const provider = new WebsocketProvider(`${options.socketOrigin}${grant.socketPath}`, options.canvasId, doc, {
		connect: false,
		params: { token: grant.token },
		WebSocketPolyfill: options.WebSocketImpl,
		disableBc: true,
		maxBackoffTime: 5_000
	});

	let status: ConnectionStatus = 'connecting';
	let destroyed = false;
	const setStatus = (next: ConnectionStatus) => {
		if (next === status) return;
		status = next;
		options.onStatus?.(next);
	};

	let refreshTimer: ReturnType<typeof setTimeout> | undefined;
	/** Keeps params.token valid, so every automatic reconnect of the provider carries a live token. */
	const scheduleRefresh = (expiresAt: string) => {
		clearTimeout(refreshTimer);
		// Bounded both ways: a computer whose clock runs minutes ahead must not ask every second.
		const due = Math.min(4 * 60_000, Math.max(30_000, new Date(expiresAt).getTime() - Date.now() - refreshMargin));
		refreshTimer = setTimeout(() => void refresh(), due);
	};
	const refresh = async () => {
		if (destroyed) return;
		try {
			const next = await options.fetchToken();
			provider.params.token = next.token;
			scheduleRefresh(next.expiresAt);
		} catch (error) {
			if (error instanceof AccessDenied) {
				setStatus('denied');
				provider.disconnect();
				return;
			}
			// Offline, or the app restarts: try again soon; the provider keeps retrying by itself.
			refreshTimer = setTimeout(() => void refresh(), 5_000);
		}
	};
	scheduleRefresh(grant.expiresAt);

	provider.on('connection-close', (event: { code: number } | null) => {
		const final = event ? FINAL_CLOSES[event.code] : undefined;
		if (!final) return;
		setStatus(final);
		provider.disconnect();
	});

	provider.on('status', ({ status: wsStatus }: { status: string }) => {
		if (status === 'denied' || status === 'full') return;
		if (wsStatus === 'connected') setStatus('connected');
		else if (wsStatus === 'disconnected') {
			setStatus('offline');
			// The token may have died with a server restart: get a fresh one before the next try.
			void refresh();
		}
	});

	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	provider.connect();

	return {
		doc,
		awareness: provider.awareness,
		role: grant.role,
		synced,
		status: () => status,
		destroy() {
			destroyed = true;
			clearTimeout(refreshTimer);
			provider.destroy();
			offline?.destroy();
			doc.destroy();
		}
	};
}

/** The token fetcher of the canvas page: POST to the app, with the visitor's cookie. */
export function fetchRoomToken(canvasId: string, fetchImpl: typeof fetch = fetch): () => Promise<RoomTokenResponse> {
	return async () => {
		const response = await fetchImpl(`/api/canvas/${encodeURIComponent(canvasId)}/token`, {
			method: 'POST',
			credentials: 'same-origin'
		});
		if (response.status === 403 || response.status === 404) throw new AccessDenied(String(response.status));
		if (!response.ok) throw new Error(`token request failed: ${response.status}`);
		return roomTokenResponseSchema.parse(await response.json());
	};
}
