import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { createRoot } from 'react-dom/client';
import { Tldraw, atom, createTLCurrentUser, createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor } from 'tldraw';
import 'tldraw/tldraw.css';
import { IndexeddbPersistence } from 'y-indexeddb';
import { fetchRoomToken, openCanvasConnection, type ConnectionStatus } from '../connection';
import { bindPresence } from '../presence';
import { bindStoreToDoc } from '../store-binding';

/**
 * The React island: the one boundary between the Svelte app and tldraw. Nothing outside
 * src/lib/canvas/react imports React; this module is reached through one dynamic import from
 * CanvasIsland.svelte. Another canvas engine could sit behind the same `mountCanvas`.
 */

export interface CanvasProps {
	canvasId: string;
	/** The name and colour others see at this person's cursor. */
	userName: string;
	userColor: string;
	/** tldraw's production licence key; without one tldraw runs on localhost only. */
	licenseKey?: string;
	onStatus(status: ConnectionStatus | 'reload'): void;
}

export interface MountedCanvas {
	update(props: Partial<Pick<CanvasProps, 'userName' | 'userColor'>>): void;
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
	// Wait for the server's document (or, offline, for what this browser kept of it) so tldraw
	// never starts on an empty store and invents a page of its own.
	await Promise.race([connection.synced, new Promise((resolve) => setTimeout(resolve, 8_000))]);

	const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
	const binding = bindStoreToDoc(store, connection.doc, {
		onSchemaMismatch: () => props.onStatus('reload')
	});

	const preferences = atom('gebruiker', {
		id: `deelnemer-${connection.doc.clientID}`,
		name: props.userName,
		color: props.userColor,
		locale: 'nl',
		colorScheme: 'light' as const
	});
	const user = createTLCurrentUser({
		userPreferences: preferences,
		setUserPreferences: (next) => preferences.set({ ...next, locale: 'nl' })
	});

	let presence: { dispose(): void } | undefined;
	const onMount = (editor: Editor) => {
		editor.updateInstanceState({ isReadonly: connection.role !== 'editor' });
		presence = bindPresence(editor, connection.awareness, {
			name: () => preferences.get().name ?? props.userName,
			color: () => preferences.get().color ?? props.userColor
		});
	};

	const root = createRoot(element);
	root.render(
		<Tldraw
			store={store}
			assetUrls={assetUrls}
			licenseKey={props.licenseKey}
			user={user}
			onMount={onMount}
		/>
	);

	return {
		update(next) {
			preferences.update((current) => ({
				...current,
				name: next.userName ?? current.name,
				color: next.userColor ?? current.color
			}));
		},
		destroy() {
			root.unmount();
			presence?.dispose();
			binding.dispose();
			connection.destroy();
		}
	};
}
