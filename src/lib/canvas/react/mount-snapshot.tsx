import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { createRoot } from 'react-dom/client';
import {
	Tldraw,
	atom,
	createTLCurrentUser,
	createTLStore,
	defaultBindingUtils,
	defaultShapeUtils,
	type Editor,
	type TLUserPreferences
} from 'tldraw';
import 'tldraw/tldraw.css';
import * as Y from 'yjs';
import { bindStoreToDoc } from '../store-binding';
import { noteLines, type NoteLine } from './note-list';

/**
 * A stored canvas, only to look at: a snapshot's Yjs state in a Y.Doc of its own, no connection,
 * no presence, no edits. Reached, like mount-canvas.tsx, through one dynamic import
 * (SnapshotIsland.svelte).
 */

export interface SnapshotProps {
	/** The canvas document's Yjs state (Y.encodeStateAsUpdate). */
	state: Uint8Array;
	licenseKey?: string;
	/** Every note of the snapshot as text, once it is shown. */
	onNotes?(notes: NoteLine[]): void;
}

export interface MountedSnapshot {
	destroy(): void;
}

/** The snapshot cannot be shown: not a canvas document, or written by a newer version of the app. */
export class SnapshotUnreadable extends Error {
	override name = 'SnapshotUnreadable';
}

const assetUrls = getAssetUrlsByImport();

/** Renders the canvas stored in `props.state` inside `element`, read-only, zoomed to fit. */
export function mountSnapshot(element: HTMLElement, props: SnapshotProps): MountedSnapshot {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, props.state);
	} catch (error) {
		doc.destroy();
		throw new SnapshotUnreadable('the state is not a Yjs update', { cause: error });
	}

	const store = createTLStore({
		shapeUtils: defaultShapeUtils,
		bindingUtils: defaultBindingUtils,
		users: { currentUser: atom('geen-gebruiker', null) }
	});
	// The binding loads the document at once (it is complete) and never writes to it.
	const binding = bindStoreToDoc(store, doc, { readOnly: true });
	const status = binding.status();
	if (status !== 'read-only' && status !== 'document-older') {
		binding.dispose();
		doc.destroy();
		throw new SnapshotUnreadable(`the snapshot cannot be loaded: ${status}`);
	}

	const preferences = atom<TLUserPreferences>('kijker', { id: 'kijker', locale: 'nl', colorScheme: 'light' });
	const user = createTLCurrentUser({
		userPreferences: preferences,
		setUserPreferences: (next) => preferences.set({ ...next, locale: 'nl' })
	});

	const onMount = (editor: Editor) => {
		editor.updateInstanceState({ isReadonly: true });
		editor.zoomToFit();
		props.onNotes?.(noteLines(editor));
	};

	const root = createRoot(element);
	root.render(<Tldraw store={store} assetUrls={assetUrls} licenseKey={props.licenseKey} user={user} onMount={onMount} />);

	return {
		destroy() {
			root.unmount();
			binding.dispose();
			doc.destroy();
		}
	};
}
