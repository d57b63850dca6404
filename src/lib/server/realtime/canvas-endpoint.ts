import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../log';
import { rejectUpgrade, type UpgradeHandler } from '../http/upgrade-routes';
import { CloseCode, ProtocolError, type RoomConnection } from './canvas-room';
import type { CanvasRooms } from './canvas-rooms';
import type { RealtimeLimits } from './limits';
import { TokenBucket } from './rate-limit';
import { verifyRoomToken, type RoomClaims } from './room-token';

/** Where canvases are served: `/ws/canvas/<canvas id>?token=<room token>`. */
export const CANVAS_SOCKET_PREFIX = '/ws/canvas/';

const canvasIdSchema = z.uuid();

/**
 * The websocket endpoint of the live canvases, speaking the y-websocket protocol. The room token
 * is checked in the HTTP upgrade itself: a request without a valid token for this canvas gets a
 * plain 401 or 403 and never a byte of the document.
 */
export function createCanvasEndpoint(options: {
	rooms: CanvasRooms;
	secret: string;
	limits: RealtimeLimits;
	log: Logger;
}): { handleUpgrade: UpgradeHandler; close(): Promise<void> } {
	const { rooms, secret, limits, log } = options;
	const server = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });
	const sockets = new Set<WebSocket>();

	const handleUpgrade: UpgradeHandler = (request, socket, head) => {
		void authorize(request).then(
			(outcome) => {
				if (!outcome.ok) {
					log.info({ problem: outcome.reason, status: outcome.status }, 'canvas socket refused');
					rejectUpgrade(socket, outcome.status, outcome.status === 401 ? 'Unauthorized' : outcome.status === 404 ? 'Not Found' : 'Forbidden');
					return;
				}
				server.handleUpgrade(request, socket, head, (ws) => void accept(ws, outcome.canvasId, outcome.claims));
			},
			(error: unknown) => {
				log.error({ err: error }, 'canvas socket authorisation failed');
				rejectUpgrade(socket, 503, 'Service Unavailable');
			}
		);
	};

	async function authorize(
		request: IncomingMessage
	): Promise<{ ok: true; canvasId: string; claims: RoomClaims } | { ok: false; status: 401 | 403 | 404; reason: string }> {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const canvasId = canvasIdSchema.safeParse(url.pathname.slice(CANVAS_SOCKET_PREFIX.length));
		if (!canvasId.success) return { ok: false, status: 404, reason: 'no canvas id' };
		const check = await verifyRoomToken(secret, url.searchParams.get('token'), canvasId.data);
		if (!check.ok) return { ok: false, status: check.problem === 'other-canvas' ? 403 : 401, reason: check.problem };
		return { ok: true, canvasId: canvasId.data, claims: check.claims };
	}

	async function accept(ws: WebSocket, canvasId: string, claims: RoomClaims): Promise<void> {
		sockets.add(ws);
		const messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
		const bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst);
		const connection: RoomConnection = {
			claims,
			send: (message) => {
				if (ws.readyState !== ws.OPEN) return;
				// A client that stops reading must not make the server hold everything for it.
				if (ws.bufferedAmount > limits.maxBufferedBytes) {
					ws.terminate();
					return;
				}
				ws.send(message);
			},
			close: (code, reason) => ws.close(code, reason)
		};
		// Frames that arrive while the canvas loads wait, in order, within the same byte budget.
		const early: RawData[] = [];
		ws.on('message', (data) => {
			if (!bytes.take(toBytes(data).byteLength)) ws.close(CloseCode.policy, 'Te veel berichten; probeer het zo opnieuw.');
			else early.push(data);
		});
		ws.on('error', (error) => log.debug({ err: error, canvasId }, 'canvas socket error'));

		const room = await rooms.join(canvasId, connection).catch((error: unknown) => {
			log.error({ err: error, canvasId }, 'could not load canvas');
			ws.close(CloseCode.storageFailed, 'Het canvas kon niet worden geladen.');
			return null;
		});
		if (!room) {
			if (ws.readyState === ws.OPEN) ws.close(CloseCode.policy, 'Dit canvas bestaat niet.');
			sockets.delete(ws);
			return;
		}
		if (ws.readyState !== ws.OPEN) {
			rooms.leave(room, connection);
			sockets.delete(ws);
			return;
		}

		const receive = (data: RawData) => {
			const frame = toBytes(data);
			if (!messages.take() || (!preCounted.has(data) && !bytes.take(frame.byteLength))) {
				ws.close(CloseCode.policy, 'Te veel berichten; probeer het zo opnieuw.');
				return;
			}
			try {
				room.receive(connection, frame);
			} catch (error) {
				if (error instanceof ProtocolError) {
					log.info({ canvasId, subject: claims.sub, reason: error.reason }, 'canvas socket closed for bad input');
					ws.close(error.code, error.reason);
				} else {
					log.error({ err: error, canvasId }, 'canvas message failed');
					ws.close(CloseCode.storageFailed, 'Er ging iets mis; je werk wordt opnieuw verstuurd.');
				}
			}
		};
		ws.removeAllListeners('message');
		ws.on('message', receive);
		ws.on('close', () => {
			sockets.delete(ws);
			rooms.leave(room, connection);
		});
		const preCounted = new Set<RawData>(early);
		for (const data of early.splice(0)) receive(data);
		preCounted.clear();
	}

	return {
		handleUpgrade,
		async close() {
			await rooms.close();
			for (const ws of sockets) ws.terminate();
			server.close();
		}
	};
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
