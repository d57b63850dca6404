import { z } from 'zod';
import { canvasLockSchema } from './canvas-lock';

/**
 * What everyone in a live session sees, as the server sends it over the session channel (and
 * as pages render it first). The server builds it from PostgreSQL after every change; clients
 * parse it, never trust it, and only ever read it: changes go through the server's actions,
 * where facilitator powers are checked.
 */

export const sessionStatusSchema = z.enum(['not-started', 'running', 'paused', 'ended']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const agendaKindSchema = z.enum(['plenary', 'breakout', 'break']);
export type AgendaKind = z.infer<typeof agendaKindSchema>;

const boundsSchema = z.object({ x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() });
export type ViewBounds = z.infer<typeof boundsSchema>;

export const followBoundsSchema = boundsSchema;

const memberSchema = z.object({
	id: z.uuid(),
	name: z.string(),
	organisation: z.string(),
	walkIn: z.boolean(),
	online: z.boolean(),
	ready: z.boolean()
});
export type SessionMember = z.infer<typeof memberSchema>;

export const sessionViewSchema = z.object({
	version: z.number().int(),
	sessionId: z.uuid(),
	sessionTitle: z.string(),
	eventSlug: z.string(),
	eventTitle: z.string(),
	joinCode: z.string(),
	walkInsAllowed: z.boolean(),
	status: sessionStatusSchema,
	items: z.array(
		z.object({
			id: z.uuid(),
			position: z.number().int(),
			title: z.string(),
			kind: agendaKindSchema,
			startsAt: z.iso.datetime({ offset: true }),
			endsAt: z.iso.datetime({ offset: true }),
			silentWriting: z.boolean(),
			templateId: z.uuid().nullable(),
			templateName: z.string().nullable(),
			themePosition: z.number().int().nullable()
		})
	),
	currentItemId: z.uuid().nullable(),
	/** Running: when the timebox ends (server time). */
	deadline: z.iso.datetime({ offset: true }).nullable(),
	/** Paused: what is left of the timebox. */
	remainingMs: z.number().int().nonnegative().nullable(),
	/** Planned length of the current item, for progress bars. */
	plannedMs: z.number().int().nonnegative().nullable(),
	themes: z.array(
		z.object({
			id: z.uuid(),
			position: z.number().int(),
			title: z.string(),
			canvasId: z.uuid(),
			lock: canvasLockSchema,
			members: z.array(memberSchema)
		})
	),
	unassigned: z.array(memberSchema),
	breakoutMode: z.enum(['choose', 'assigned']),
	follow: z.object({ themePosition: z.number().int(), bounds: boundsSchema, key: z.string() }).nullable(),
	/** Silent writing in progress: notes of this round are hidden from others until revealed. */
	silent: z.object({ round: z.string(), revealed: z.boolean() }).nullable(),
	hideCursors: z.boolean(),
	chime: z.boolean(),
	ready: z.object({ count: z.number().int(), total: z.number().int() }),
	voting: z
		.object({
			itemId: z.uuid(),
			votesPerPerson: z.number().int(),
			/** Every note on the theme canvases now: what can be voted on. */
			candidates: z.array(z.object({ themePosition: z.number().int(), noteId: z.string(), text: z.string() })),
			results: z.array(
				z.object({ themePosition: z.number().int(), noteId: z.string(), text: z.string(), count: z.number().int() })
			)
		})
		.nullable(),
	takeaways: z.array(z.object({ id: z.uuid(), text: z.string(), name: z.string() })),
	/** Canvas snapshots of earlier sessions of this event ("korte terugblik vorige sessie"). */
	lookBack: z.array(z.object({ sessionPosition: z.number().int(), sessionTitle: z.string(), themePosition: z.number().int(), themeTitle: z.string() }))
});
export type SessionView = z.infer<typeof sessionViewSchema>;

/** The part only one participant sees: who they are and what they did. */
export const participantViewSchema = z.object({
	participantId: z.uuid(),
	name: z.string(),
	themePosition: z.number().int().nullable(),
	ready: z.boolean(),
	votesLeft: z.number().int(),
	myVotes: z.record(z.string(), z.number().int()),
	takeaway: z.string(),
	takeawayShared: z.boolean()
});
export type ParticipantView = z.infer<typeof participantViewSchema>;

/** Server → client messages of the session channel. */
export const serverMessageSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('state'), view: sessionViewSchema, you: participantViewSchema.nullable() }),
	z.object({ type: z.literal('pong'), id: z.number().int(), sent: z.number(), server: z.number() })
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/**
 * Client → server messages: only a clock ping. Anything else closes the socket; every change of
 * the session goes through the app's actions instead.
 */
export const clientMessageSchema = z.object({ type: z.literal('ping'), id: z.number().int().nonnegative(), sent: z.number().finite() }).strict();
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** The current agenda item of a view, if any. */
export function currentItem(view: SessionView): SessionView['items'][number] | undefined {
	return view.items.find((item) => item.id === view.currentItemId);
}

/** Where a participant works now: their theme's canvas in a working block or when brought there. */
export function participantStage(
	view: SessionView,
	you: ParticipantView | null
): { kind: 'canvas'; themePosition: number; following: boolean } | { kind: 'plenary' } | { kind: 'choose-theme' } | { kind: 'ended' } {
	if (view.status === 'ended') return { kind: 'ended' };
	if (view.follow) return { kind: 'canvas', themePosition: view.follow.themePosition, following: true };
	const item = currentItem(view);
	if (item?.kind === 'breakout') {
		if (you?.themePosition) return { kind: 'canvas', themePosition: you.themePosition, following: false };
		return view.breakoutMode === 'choose' ? { kind: 'choose-theme' } : { kind: 'plenary' };
	}
	return { kind: 'plenary' };
}
