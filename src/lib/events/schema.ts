import { z } from 'zod';

/** A timestamptz as PostgreSQL writes it in JSON (`2019-09-26T13:30:00+02:00`). */
const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** The programme as the database returns it (JSON); parsed at the edge. */
export const agendaItemSchema = z.object({
	id: z.uuid(),
	position: z.number().int().positive(),
	startsAt: timestamp,
	endsAt: timestamp,
	title: z.string(),
	kind: z.enum(['plenary', 'breakout', 'break'])
});

export const eventSessionSchema = z.object({
	id: z.uuid(),
	position: z.number().int().positive(),
	title: z.string(),
	startsAt: timestamp,
	endsAt: timestamp,
	venueName: z.string().nullable(),
	venueAddress: z.string().nullable(),
	venueCity: z.string().nullable(),
	agenda: z.array(agendaItemSchema)
});

export const themeSchema = z.object({
	id: z.uuid(),
	position: z.number().int().positive(),
	title: z.string(),
	description: z.string()
});

export const programmeSchema = z.object({
	id: z.uuid(),
	slug: z.string(),
	title: z.string(),
	seriesTitle: z.string().nullable(),
	introduction: z.string(),
	approach: z.string(),
	audience: z.string(),
	feeCents: z.number().int().nonnegative(),
	vatRateBp: z.number().int().min(0).max(10_000),
	/** The rest of the fee settings (see `$lib/fees`); defaults for programmes made before invoicing. */
	fee: z
		.object({
			vatMode: z.enum(['standard', 'exempt']),
			exemptionText: z.string().nullable(),
			furtherParticipantDiscountCents: z.number().int().nonnegative(),
			freeCancellationUntil: z.string().nullable(),
			cancellationFeeCents: z.number().int().nonnegative().nullable()
		})
		.default({ vatMode: 'standard', exemptionText: null, furtherParticipantDiscountCents: 0, freeCancellationUntil: null, cancellationFeeCents: null }),
	contactName: z.string().nullable(),
	contactPhone: z.string().nullable(),
	contactEmail: z.string().nullable(),
	partnerName: z.string().nullable(),
	partnerDescription: z.string().nullable(),
	publicationNote: z.string().nullable(),
	themes: z.array(themeSchema),
	sessions: z.array(eventSessionSchema)
});

export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type EventSession = z.infer<typeof eventSessionSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type Programme = z.infer<typeof programmeSchema>;

/** A session's number in an address (`/sessies/2`, `/verslagen/2`, `/publicatie/…/2`). */
export const sessionNumberSchema = z.coerce.number().int().min(1).max(100);

/** An event's URL name: lower-case words joined by hyphens. */
export const eventSlugSchema = z
	.string()
	.max(80)
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
