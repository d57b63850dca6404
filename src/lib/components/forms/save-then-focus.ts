import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * The `use:enhance` callback of a desk settings form: keep what was typed, let the page tidy up
 * (`afterSave`, told whether it was saved), then move focus to the first field with a problem —
 * the summary lists them in page order — or else to the feedback, so the outcome is heard.
 */
export function saveThenFocus(page: {
	errors: () => Record<string, string>;
	feedback: () => HTMLElement | undefined;
	afterSave?: (saved: boolean) => void;
}): SubmitFunction {
	return () =>
		async ({ update, result }) => {
			await update({ reset: false });
			page.afterSave?.(result.type === 'success');
			await tick();
			const first = Object.keys(page.errors()).find((name) => name !== 'formulier');
			((first ? document.getElementById(`veld-${first}`) : null) ?? page.feedback())?.focus();
		};
}
