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
import type { TemplateLayout } from '../../live/template-spec';
import { watchPeers, type Peer } from '../peers';
import { bindPresence, type PresenceBinding } from '../presence';
import { isHiddenBySilentRound } from '../silent-writing';
import { bindStoreToDoc } from '../store-binding';
import { templateShapes, templateSize } from '../template-shapes';
import { isLockedReadOnly, registerLiveRules, type CanvasBounds, type LiveCanvasOptions } from './live-rules';
import { addNote, noteLines, watchNotes, type NoteLine, type NotesWatch } from './note-list';

export type { CanvasBounds, LiveCanvasOptions, NoteLine };

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
	/** The live session's settings (the session runner); without them the canvas is a plain one. */
	live?: LiveCanvasOptions;
	/** The editor is there: what a facilitator's console does with the canvas. */
	onReady?(handle: CanvasEditorHandle): void;
}

/** What the facilitator's console does with a mounted canvas. */
export interface CanvasEditorHandle {
	/** Places a design technique's frames and heading beside what is there, and shows them. */
	placeTemplate(layout: TemplateLayout, name: string): void;
	/** The part of the page this person sees now, in page coordinates. */
	viewportBounds(): CanvasBounds;
	/** The notes this person may see, as text. */
	notes(): NoteLine[];
}

export interface MountedCanvas {
	update(props: Partial<Pick<CanvasProps, 'userName' | 'userColor'>>): void;
	/** Adds a note with this text (the text route); false when the canvas cannot take it now. */
	addNote(text: string): boolean;
	/** Follows the live session's settings (lock, silent writing, cursors, the facilitator's view). */
	setLive(live: LiveCanvasOptions | undefined): void;
	destroy(): void;
}

/** Room between what is on the page and a technique placed beside it. */
const TEMPLATE_GAP = 240;
const CAMERA_MOVE = { animation: { duration: 300 } };

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
	// The live settings as a tldraw atom: the canvas's getShapeVisibility reads it, so hidden
	// notes appear the moment the facilitator reveals them.
	const live = atom<LiveCanvasOptions | undefined>('live', props.live);
	const rules = registerLiveRules(store, () => live.get());
	let presence: PresenceBinding | undefined;
	let editorRef: Editor | undefined;
	let notesWatch: NotesWatch | undefined;
	let followedKey: string | undefined;
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
			// Editable again once the server has migrated an older document.
			if (editorRef) applyEditable(editorRef);
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

	/**
	 * Only look: viewers, everyone while the server has not yet migrated an older document, and
	 * participants while the facilitator has made the canvas read-only.
	 */
	function applyEditable(editor: Editor) {
		const readOnly = connection.role !== 'editor' || binding.status() === 'document-older' || isLockedReadOnly(live.get());
		if (readOnly && !editor.getIsReadonly()) editor.complete();
		editor.updateInstanceState({ isReadonly: readOnly });
		props.onEditable(!readOnly);
	}

	/** Brings this person's view to what the facilitator shows, once per new view. */
	function applyFollow(editor: Editor) {
		const follow = live.get()?.follow;
		if (!follow || follow.key === followedKey) return;
		followedKey = follow.key;
		editor.zoomToBounds(follow.bounds, { inset: 0, ...CAMERA_MOVE });
	}

	function placeTemplate(editor: Editor, layout: TemplateLayout, name: string) {
		const size = templateSize(layout, { name });
		const content = editor.getCurrentPageBounds();
		const viewport = editor.getViewportPageBounds();
		const origin = content
			? { x: content.maxX + TEMPLATE_GAP, y: content.minY }
			: { x: viewport.center.x - size.w / 2, y: viewport.center.y - size.h / 2 };
		rules.asTemplateEditor(() => editor.run(() => editor.createShapes(templateShapes(layout, origin, { name }))));
		editor.zoomToBounds({ ...origin, ...size }, CAMERA_MOVE);
	}

	const onMount = (editor: Editor) => {
		editorRef = editor;
		notesWatch = watchNotes(editor, props.onNotes);
		applyEditable(editor);
		presence = bindPresence(editor.store, connection.awareness, {
			name: () => preferences.get().name ?? props.userName,
			color: () => preferences.get().color ?? props.userColor,
			showCursors: () => !live.get()?.hideCursors
		});
		applyFollow(editor);
		props.onReady?.({
			placeTemplate: (layout, name) => placeTemplate(editor, layout, name),
			viewportBounds() {
				const { x, y, w, h } = editor.getViewportPageBounds();
				return { x, y, w, h };
			},
			notes: () => noteLines(editor)
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
				getShapeVisibility={(shape) => (isHiddenBySilentRound(shape, live.get()) ? 'hidden' : 'inherit')}
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
		setLive(next) {
			live.set(next);
			if (!editorRef) return;
			applyEditable(editorRef);
			applyFollow(editorRef);
			presence?.refresh();
			notesWatch?.refresh();
		},
		destroy() {
			notesWatch?.stop();
			removeEventListener('pagehide', flushBeforeLeaving);
			stopWatchingPeers();
			root.unmount();
			presence?.dispose();
			rules.dispose();
			binding.dispose();
			connection.destroy();
		}
	};
}
