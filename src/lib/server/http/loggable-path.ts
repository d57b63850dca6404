/**
 * A request path as it may be written to the logs: the secret of a personal link
 * (`/aanmelding/<secret>/…`) opens someone's registration, so it never reaches a log file.
 */
export function loggablePath(pathname: string): string {
	return pathname.replace(/^\/aanmelding\/(?!overgedragen(?:\/|$))[^/]+/, '/aanmelding/…');
}
