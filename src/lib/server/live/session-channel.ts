import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { clientMessageSchema, type ServerMessage } from '$lib/live/session-view';
import { resolveStaffSession, STAFF_SESSION_COOKIE } from '../auth/staff-sessions';
import type { Sql } from '../db/database';
import { rejectUpgrade, type UpgradeHandler } from '../http/upgrade-routes';
import type { Logger } from '../log';
import { TokenBucket } from '../realtime/rate-limit';
import type { LiveSessions, ChannelMember } from './live-sessions';
import { PARTICIPANT_COOKIE, resolveParticipant } from './participants';

/** Where a session's channel is served: `/ws/sessie/<session id>`. */
export const SESSION_SOCKET_PREFIX = '/ws/sessie/';

/** Close codes: 1008 for a message that is not allowed, 4403 when access ended. */
const POLICY = 1008;
const ACCESS_ENDED = 4403;
const MAX_FRAME_BYTES = 1024;

/**
 * The realtime channel of a live session. It carries the session's state to everyone in it
 * and answers clock pings; it accepts nothing that changes the session. A participant who
 * sends anything but a clock ping is disconnected: facilitator powers
 * exist only in the app's actions, behind the staff check.
 *
 * Who may connect is decided in the HTTP upgrade from the same cookies the pages use: a
 * signed-in staff member (console, big screen), or a participant of this very session.
 */
export function createSessionChannel(options: { sql: Sql; live: LiveSessions; log: Logger }): {
	handleUpgrade: UpgradeHandler;
	close(): void;
} {
	const { sql, live, log } = options;
	const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
	const sockets = new Set<WebSocket>();

	const handleUpgrade: UpgradeHandler = (request, socket, head) => {
		void authorize(request).then(
			(outcome) => {
				if (!outcome.ok) {
					rejectUpgrade(socket, outcome.status, outcome.status === 401 ? 'Unauthorized' : outcome.status === 404 ? 'Not Found' : 'Forbidden');
					return;
				}
				server.handleUpgrade(request, socket, head, (ws) => accept(ws, outcome.sessionId, outcome.participantId));
			},
			(error: unknown) => {
				log.error({ err: error }, 'session channel authorisation failed');
				rejectUpgrade(socket, 503, 'Service Unavailable');
			}
		);
	};

	async function authorize(
		request: IncomingMessage
	): Promise<{ ok: true; sessionId: string; participantId: string | null } | { ok: false; status: 401 | 403 | 404 }> {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const sessionId = z.uuid().safeParse(url.pathname.slice(SESSION_SOCKET_PREFIX.length));
		if (!sessionId.success) return { ok: false, status: 404 };
		// Cookies ride along on a websocket from any site: only our own pages may open it.
		if (!fromOwnPages(request)) return { ok: false, status: 403 };
		const cookies = parseCookies(request.headers.cookie);
		const staff = await resolveStaffSession(sql, cookies.get(STAFF_SESSION_COOKIE));
		if (staff) return { ok: true, sessionId: sessionId.data, participantId: null };
		const participant = await resolveParticipant(sql, cookies.get(PARTICIPANT_COOKIE));
		if (!participant) return { ok: false, status: 401 };
		if (participant.sessionId !== sessionId.data) return { ok: false, status: 403 };
		return { ok: true, sessionId: sessionId.data, participantId: participant.id };
	}

	function accept(ws: WebSocket, sessionId: string, participantId: string | null): void {
		sockets.add(ws);
		const messages = new TokenBucket(10, 40);
		const member: ChannelMember = {
			participantId,
			send(message: ServerMessage) {
				if (ws.readyState === ws.OPEN && ws.bufferedAmount < 1024 * 1024) ws.send(JSON.stringify(message));
			},
			end() {
				ws.close(ACCESS_ENDED, 'Je doet niet meer mee aan deze sessie.');
			}
		};
		ws.on('message', (data, isBinary) => {
			if (!messages.take()) return ws.close(POLICY, 'Te veel berichten.');
			const parsed = isBinary ? null : safeJson(data.toString());
			const message = clientMessageSchema.safeParse(parsed);
			if (!message.success) {
				log.info({ sessionId, participantId }, 'session channel closed for a message that is not allowed');
				return ws.close(POLICY, 'Dit bericht is niet toegestaan.');
			}
			member.send({ type: 'pong', id: message.data.id, sent: message.data.sent, server: Date.now() });
		});
		ws.on('error', (error) => log.debug({ err: error, sessionId }, 'session channel error'));
		ws.on('close', () => {
			sockets.delete(ws);
			live.leave(sessionId, member);
		});
		void live.join(sessionId, member);
	}

	return {
		handleUpgrade,
		close() {
			for (const ws of sockets) ws.terminate();
			server.close();
		}
	};
}

function fromOwnPages(request: IncomingMessage): boolean {
	const origin = request.headers.origin;
	if (!origin) return false;
	try {
		return new URL(origin).host === request.headers.host;
	} catch {
		// `Origin: null` (sandboxed frames, some redirects) is nobody's page of ours.
		return false;
	}
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

function parseCookies(header: string | undefined): Map<string, string> {
	const cookies = new Map<string, string>();
	for (const part of (header ?? '').split(';')) {
		const at = part.indexOf('=');
		if (at < 0) continue;
		const name = part.slice(0, at).trim();
		try {
			if (!cookies.has(name)) cookies.set(name, decodeURIComponent(part.slice(at + 1).trim()));
		} catch {
			// A cookie that is not valid percent-encoding is not one of ours.
		}
	}
	return cookies;
}
