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
import { IndexeddbPersistence } from 'y-indexeddb';
import { ALLOWED_IMAGE_TYPES, MAX_IMAGE_BYTES } from '../asset-rules';
import { createCanvasAssetStore } from '../asset-store';
import { fetchRoomToken, openCanvasConnection, type ConnectionStatus } from '../connection';
import { watchPeers, type Peer } from '../peers';
import { bindPresence } from '../presence';
import { bindStoreToDoc } from '../store-binding';
import { addNote, watchNotes, type NoteLine } from './note-list';

export type { NoteLine };

/**
 * The React island: the one boundary between the Svelte app and tldraw. Nothing outside
 * src/lib/canvas/react imports React; this module is reached through one dynamic import from
 * CanvasIsland.svelte. Another canvas engine could sit behind the same `mountCanvas`.
 */

export type CanvasStatus = ConnectionStatus | 'reload' | 'waiting';

export interface CanvasProps {
	canvasId: string;
	/** The name and colour others see at this person's cursor. */
	userName: string;
	userColor: string;
	/** tldraw's production licence key; without one tldraw runs on localhost only. */
	licenseKey?: string;
	onStatus(status: CanvasStatus): void;
	/** Who else is on the canvas; shown beside it as text (also for screen readers). */
	onPeers(peers: Peer[]): void;
	/** Every note as text, live: the accessible route to the canvas. */
	onNotes(notes: NoteLine[]): void;
	/** Whether this person may add and change things (false for viewers and read-only canvases). */
	onEditable(editable: boolean): void;
}

export interface MountedCanvas {
	update(props: Partial<Pick<CanvasProps, 'userName' | 'userColor'>>): void;
	/** Adds a note with this text (the text route); false when the canvas cannot take it now. */
	addNote(text: string): boolean;
	destroy(): void;
}

// Fonts, icons and translations are bundled by Vite from @tldraw/assets: no CDN request.
const assetUrls = getAssetUrlsByImport();

/** Opens the canvas's live document and renders tldraw on it inside `element`. */
export async function mountCanvas(element: HTMLElement, props: CanvasProps): Promise<MountedCanvas> {
	const connection = await openCanvasConnection({
		canvasId: props.canvasId,
		socketOrigin: location.origin.replace(/^http/, 'ws'),
		fetchToken: fetchRoomToken(props.canvasId),
		persistOffline: (name, doc) => new IndexeddbPersistence(name, doc),
		onStatus: props.onStatus
	});
	props.onStatus(connection.status());

	const store = createTLStore({
		shapeUtils: defaultShapeUtils,
		bindingUtils: defaultBindingUtils,
		// No current user: tldraw would otherwise write the participant's name into the shared,
		// stored document (user records, "first edited by"). Names live only in presence.
		users: { currentUser: atom('geen-gebruiker', null) },
		// Images go to the app and only their URL into the shared document (see asset-store.ts).
		assets: createCanvasAssetStore(props.canvasId)
	});
	// tldraw renders only once the binding has loaded the server's document (or this browser's
	// offline copy of it): on an empty store it would invent a page of its own.
	let rendered = false;
	let render = () => {};
	const binding = bindStoreToDoc(store, connection.doc, {
		readOnly: connection.role !== 'editor',
		onStatus: (bindingStatus) => {
			if (bindingStatus === 'waiting') return props.onStatus('waiting');
			if (bindingStatus === 'client-older') return props.onStatus('reload');
			if (!rendered) render();
			props.onStatus(connection.status());
		}
	});
	const stopWatchingPeers = watchPeers(connection.awareness, props.onPeers);
	const flushBeforeLeaving = () => binding.flush();
	addEventListener('pagehide', flushBeforeLeaving);

	const preferences = atom<TLUserPreferences>('gebruiker', {
		id: `deelnemer-${connection.doc.clientID}`,
		name: props.userName,
		color: props.userColor,
		locale: 'nl',
		colorScheme: 'light'
	});
	const user = createTLCurrentUser({
		userPreferences: preferences,
		setUserPreferences: (next) => preferences.set({ ...next, locale: 'nl' })
	});

	let presence: { dispose(): void } | undefined;
	let editorRef: Editor | undefined;
	let stopWatchingNotes = () => {};
	const onMount = (editor: Editor) => {
		editorRef = editor;
		stopWatchingNotes = watchNotes(editor, props.onNotes);
		// Viewers, and everyone while the server has not yet migrated an older document, only look.
		const readOnly = connection.role !== 'editor' || binding.status() === 'document-older';
		editor.updateInstanceState({ isReadonly: readOnly });
		props.onEditable(!readOnly);
		presence = bindPresence(editor.store, connection.awareness, {
			name: () => preferences.get().name ?? props.userName,
			color: () => preferences.get().color ?? props.userColor
		});
	};

	const root = createRoot(element);
	render = () => {
		rendered = true;
		root.render(
			<Tldraw
				store={store}
				assetUrls={assetUrls}
				licenseKey={props.licenseKey}
				user={user}
				onMount={onMount}
				// Refuse early, in tldraw's own dialogue, what the server would refuse anyway.
				acceptedImageMimeTypes={ALLOWED_IMAGE_TYPES}
				acceptedVideoMimeTypes={[]}
				maxAssetSize={MAX_IMAGE_BYTES}
			/>
		);
	};
	if (binding.status() !== 'waiting' && binding.status() !== 'client-older') render();

	return {
		update(next) {
			preferences.update((current) => ({
				...current,
				name: next.userName ?? current.name,
				color: next.userColor ?? current.color
			}));
		},
		addNote(text) {
			if (!editorRef || editorRef.getInstanceState().isReadonly) return false;
			addNote(editorRef, text);
			return true;
		},
		destroy() {
			stopWatchingNotes();
			removeEventListener('pagehide', flushBeforeLeaving);
			stopWatchingPeers();
			root.unmount();
			presence?.dispose();
			binding.dispose();
			connection.destroy();
		}
	};
}
