/**
 * Requests to the built app the way a browser without JavaScript makes them: pages as HTML, forms
 * posted from our own origin with the page's CSRF token, redirects not followed (so a test sees them).
 */
export function httpClient(baseUrl: string) {
	async function get(path: string, cookie?: string) {
		const response = await fetch(baseUrl + path, { redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
		return { status: response.status, text: await response.text(), headers: response.headers };
	}

	async function csrfOf(path: string, cookie: string): Promise<string> {
		const { text } = await get(path, cookie);
		const token = /name="csrf" value="([^"]+)"/.exec(text)?.[1];
		if (!token) throw new Error(`no CSRF token on ${path}`);
		return token;
	}

	async function post(path: string, fields: Record<string, string> | URLSearchParams, cookie: string) {
		const response = await fetch(baseUrl + path, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
			body: new URLSearchParams(fields)
		});
		return { status: response.status, text: await response.text(), location: response.headers.get('location') };
	}

	return { get, csrfOf, post };
}
