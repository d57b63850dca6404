/**
 * The browser's own defence against cross-site form posts: a state-changing request whose
 * Origin header names another site is refused before anything runs. SvelteKit has the same
 * check built in, but answers in English; this one answers in Dutch (svelte.config.js turns
 * SvelteKit's off). The CSRF tokens on every form are the second line.
 */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export const CROSS_SITE_MESSAGE =
	'Dit formulier komt niet van deze website en is daarom niet verwerkt. Open de pagina opnieuw via het adres van Ontwerpsessies.';

export const NOT_A_FORM_MESSAGE = 'Dit verzoek is geen formulier. Gebruik de formulieren op de website van Ontwerpsessies.';

/**
 * A post to a page (a form action) that is no form at all: SvelteKit would fail reading it and
 * answer 500. The JSON endpoints under /api/ have their own checks.
 */
export function isNonFormPostToPage(request: Request, url: URL): boolean {
	if (!UNSAFE_METHODS.has(request.method) || url.pathname.startsWith('/api/')) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return !FORM_TYPES.includes(type);
}

export function isCrossSiteFormPost(request: Request, url: URL): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return false;
	// Browsers always send Origin with a form post; a missing one is a tool, treated like a stranger.
	return request.headers.get('origin') !== url.origin;
}
