import type * as Y from 'yjs';
import { createCanvasDocument, migrateCanvasDocument } from '$lib/canvas/canvas-document';
import type { DocumentPreparer } from './canvas-room';

/**
 * A stored document that cannot be migrated (or is newer than this server) throws a
 * CanvasDocumentError; the room then refuses to load and members are told the canvas could not
 * be loaded, so nothing is written on top of it.
 *
 * The server, not a client, writes the first records of a new canvas (its tldraw document and
 * page, and the schema), and migrates a canvas stored under an older tldraw schema when it is
 * loaded. A client never seeds an empty-looking document: that would race with stored state.
 */
export const prepareCanvasDocument: DocumentPreparer = (doc: Y.Doc, isNew: boolean) => {
	if (isNew) createCanvasDocument(doc);
	else migrateCanvasDocument(doc);
};
