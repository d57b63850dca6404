import { z } from 'zod';

// What other peers put into a canvas's Y.Doc and awareness. Any peer can write anything there,
// so both are parsed, never trusted.

/** tldraw's SerializedSchema, V1 (tldraw 1 and early 2) or V2 (every document we create). */
const serializedSchemaV1 = z.object({
	schemaVersion: z.literal(1),
	storeVersion: z.number().int(),
	recordVersions: z.record(
		z.string(),
		z.union([
			z.object({
				version: z.number().int(),
				subTypeKey: z.string(),
				subTypeVersions: z.record(z.string(), z.number().int())
			}),
			z.object({ version: z.number().int() })
		])
	)
});
const serializedSchemaV2 = z.object({
	schemaVersion: z.literal(2),
	sequences: z.record(z.string(), z.number().int().nonnegative())
});
/** The tldraw schema stored in a canvas document's meta map. */
export const serializedSchemaSchema = z.union([serializedSchemaV2, serializedSchemaV1]);

/** Most selected shapes a peer shares; enough to outline a selection, small enough for every frame. */
export const MAX_PRESENCE_SELECTION = 20;

const recordId = z.string().min(1).max(120);

/**
 * One peer's presence, as published in its awareness state: a cursor on the page, a name and a
 * colour, the page it looks at and part of its selection. Deliberately small (well under the
 * server's 8 KiB awareness limit) and never a full tldraw record.
 */
export const presenceStateSchema = z.object({
	name: z.string().max(80),
	color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
	pageId: recordId,
	cursor: z.object({ x: z.number(), y: z.number() }).nullable(),
	selection: z.array(recordId).max(MAX_PRESENCE_SELECTION)
});
export type PresenceState = z.infer<typeof presenceStateSchema>;
