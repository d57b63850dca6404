import type { ParticipantView, ServerMessage, SessionView } from '$lib/live/session-view';
import type { Sql } from '../db/database';
import type { Logger } from '../log';
import type { CanvasRooms } from '../realtime/canvas-rooms';
import { canvasDocument, canvasState, notesOfDocument } from '../realtime/canvas-notes';
import { runFacilitatorCommand, type FacilitatorCommand } from './facilitator-commands';
import { loadSessionView } from './session-view';

/** One open session channel, as the hub sees it. */
export interface ChannelMember {
	/** The participant behind it; null for staff (console, big screen). */
	participantId: string | null;
	send(message: ServerMessage): void;
	/** Closes the channel for good: its participant no longer takes part. */
	end(): void;
}

/**
 * The live sessions of this process: who is connected to which session, and the one way state
 * reaches them. Every change is written to PostgreSQL first; then `publish` reads the session
 * whole and sends each member the same view (plus their own part). Late joiners get the same
 * read on connecting, so nobody sees a state that is not stored.
 */
export class LiveSessions {
	readonly #members = new Map<string, Set<ChannelMember>>();
	/** Per session: the publish running now, and the one more that was asked for meanwhile. */
	readonly #publishing = new Map<string, { running: Promise<void>; next?: Promise<void> }>();
	#closed = false;
	readonly #votingRefresh: NodeJS.Timeout;

	constructor(
		private readonly sql: Sql,
		private readonly rooms: CanvasRooms,
		private readonly log: Logger
	) {
		// Notes are written on the canvases, not through the session: while a vote is open, the
		// list of what can be voted on is refreshed every few seconds.
		this.#votingRefresh = setInterval(() => void this.#refreshVoting(), 3_000);
		this.#votingRefresh.unref();
	}

	async #refreshVoting(): Promise<void> {
		const sessions = [...this.#members.keys()];
		if (sessions.length === 0) return;
		const voting = await this.sql<{ session_id: string }[]>`
			select session_id from public.live_sessions where session_id = any(${sessions}) and voting_item_id is not null
		`.catch(() => []);
		for (const row of voting) await this.publish(row.session_id);
	}

	/** The view of a session for one participant (or staff), as a page renders it first. */
	async read(sessionId: string, participantId: string | null): Promise<{ view: SessionView; you: ParticipantView | null } | null> {
		const loaded = await loadSessionView(this.sql, sessionId, this.online(sessionId), (canvasId) => this.noteTexts(canvasId));
		if (!loaded) return null;
		return { view: loaded.view, you: participantId ? loaded.personal(participantId) : null };
	}

	/** Runs a facilitator command, applies what it implies outside the database, and tells everyone. */
	async command(sessionId: string, command: FacilitatorCommand): Promise<void> {
		const effects = await runFacilitatorCommand(this.sql, sessionId, command);
		for (const { canvasId, lock } of effects.locks) await this.rooms.setLock(canvasId, lock);
		if (effects.ended) await this.snapshotCanvases(sessionId);
		if (effects.regrouped) void this.rooms.recheckAccess();
		await this.publish(sessionId);
	}

	/** After a participant's action (already committed): tell everyone. */
	async changed(sessionId: string): Promise<void> {
		await this.publish(sessionId);
	}

	/** Whether a note is on a canvas now (for votes). */
	async noteExists(canvasId: string, noteId: string): Promise<boolean> {
		return (await this.noteTexts(canvasId)).has(noteId);
	}

	async noteTexts(canvasId: string): Promise<Map<string, string>> {
		const doc = await canvasDocument(this.sql, this.rooms, canvasId);
		if (!doc) return new Map();
		return new Map(notesOfDocument(doc).map((note) => [note.id, note.text]));
	}

	/** Each theme canvas as it is now, kept with the session that just ended. */
	async snapshotCanvases(sessionId: string): Promise<void> {
		const canvases = await this.sql<{ id: string }[]>`
			select c.id from public.canvases c
			join public.themes t on t.id = c.theme_id
			join public.event_sessions s on s.event_id = t.event_id
			where s.id = ${sessionId}
		`;
		for (const canvas of canvases) {
			// One canvas that cannot be read must not cost the others their snapshot, nor the
			// facilitator a failed "afsluiten" (the session has ended either way).
			try {
				const state = await canvasState(this.sql, this.rooms, canvas.id);
				if (!state) continue;
				await this.sql`
					insert into public.canvas_session_snapshots (canvas_id, session_id, state)
					values (${canvas.id}, ${sessionId}, ${state})
					on conflict (canvas_id, session_id) do update set state = excluded.state, taken_at = now()
				`;
			} catch (error) {
				this.log.error({ err: error, sessionId, canvasId: canvas.id }, 'could not keep a canvas snapshot of the session');
			}
		}
	}

	/** Participants with an open channel now. */
	online(sessionId: string): Set<string> {
		const ids = new Set<string>();
		for (const member of this.#members.get(sessionId) ?? []) if (member.participantId) ids.add(member.participantId);
		return ids;
	}

	/** Adds a channel and sends it the session at once; others learn that someone came online. */
	async join(sessionId: string, member: ChannelMember): Promise<boolean> {
		if (this.#closed) return false;
		const wasOnline = member.participantId !== null && this.online(sessionId).has(member.participantId);
		const members = this.#members.get(sessionId) ?? new Set();
		members.add(member);
		this.#members.set(sessionId, members);
		if (member.participantId && !wasOnline) await this.publish(sessionId);
		else await this.sendTo(sessionId, [member]);
		return true;
	}

	leave(sessionId: string, member: ChannelMember): void {
		const members = this.#members.get(sessionId);
		if (!members?.delete(member)) return;
		if (members.size === 0) this.#members.delete(sessionId);
		if (member.participantId && !this.online(sessionId).has(member.participantId)) void this.publish(sessionId);
	}

	/**
	 * Sends the current state to everyone in a session. Publishes asked for while one is running
	 * are folded into one more read after it: a burst of thirty votes costs two reads, not thirty.
	 * Every caller's promise settles once a read that started after its call was sent.
	 */
	publish(sessionId: string): Promise<void> {
		const current = this.#publishing.get(sessionId);
		if (current) {
			current.next ??= current.running.then(() => this.publish(sessionId));
			return current.next;
		}
		const entry: { running: Promise<void>; next?: Promise<void> } = { running: Promise.resolve() };
		entry.running = this.#publishNow(sessionId).finally(() => {
			if (this.#publishing.get(sessionId) === entry) this.#publishing.delete(sessionId);
		});
		this.#publishing.set(sessionId, entry);
		return entry.running;
	}

	async #publishNow(sessionId: string): Promise<void> {
		const members = [...(this.#members.get(sessionId) ?? [])];
		if (members.length > 0) await this.sendTo(sessionId, members);
	}

	private async sendTo(sessionId: string, members: ChannelMember[]): Promise<void> {
		try {
			const loaded = await loadSessionView(this.sql, sessionId, this.online(sessionId), (canvasId) => this.noteTexts(canvasId));
			if (!loaded) return;
			// Someone whose place was cancelled, anonymised or handed over since their channel opened
			// gets no more of the room: the channel ends at the session's next change.
			for (const member of members) {
				if (member.participantId && !loaded.takesPart(member.participantId)) member.end();
				else member.send({ type: 'state', view: loaded.view, you: member.participantId ? loaded.personal(member.participantId) : null });
			}
		} catch (error) {
			this.log.error({ err: error, sessionId }, 'could not publish live session state');
		}
	}

	close(): void {
		this.#closed = true;
		clearInterval(this.#votingRefresh);
		this.#members.clear();
	}
}
