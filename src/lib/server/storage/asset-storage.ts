import type { ImageType } from '$lib/canvas/asset-rules';

/** An image to store: already checked (type, size, real type) by the caller. */
export interface NewAsset {
	canvasId: string;
	contentType: ImageType;
	data: Uint8Array;
	/** Who uploaded it, as a room token names them (`visitor:<uuid>`). */
	createdBy: string;
}

/** A stored image, as it is served. */
export interface StoredAsset {
	contentType: ImageType;
	data: Uint8Array<ArrayBuffer>;
}

/**
 * Where the bytes of canvas images live. Today only in PostgreSQL (`postgres-asset-storage.ts`),
 * so a fresh install needs nothing else. A Supabase Storage implementation would sit behind this
 * same interface, chosen when it is configured; callers never see the difference.
 */
export interface AssetStorage {
	/** Stores the image whole or not at all; returns its new, never reused id. */
	put(asset: NewAsset): Promise<{ id: string }>;
	/** The image with this id, only if it belongs to this canvas; otherwise null. */
	get(canvasId: string, id: string): Promise<StoredAsset | null>;
}
