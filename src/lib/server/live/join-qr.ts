import { renderSVG } from 'uqr';

/** The QR code of a session's join address, as an SVG string (drawn on the big screen). */
export function joinQrSvg(url: string): string {
	// Medium error correction: still readable from the back of a room on a dim beamer.
	return renderSVG(url, { ecc: 'M', border: 2 });
}

export function joinUrl(origin: string, joinCode: string): string {
	return `${origin}/sessie/${joinCode}`;
}
