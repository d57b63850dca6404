/**
 * A mail's content as a few kinds of blocks, rendered once as plain text and once as HTML. The
 * templates only ever hand over plain strings, so every value is escaped here, in one place, and
 * the two versions cannot drift apart.
 */
export type MailBlock =
	| { type: 'paragraph'; text: string }
	| { type: 'heading'; text: string }
	| { type: 'list'; items: string[] }
	/** A link on a line of its own; `href` must be an http(s) URL of the app itself. */
	| { type: 'link'; label: string; href: string }
	/** Something to copy or type over, such as a sign-in code. */
	| { type: 'code'; text: string };

export interface MailDocument {
	/** The subject: the HTML `<title>`, for screen readers and "open in browser". */
	title: string;
	blocks: MailBlock[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and for quoted attribute values. */
export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The plain-text version: what many mail clients of government organisations show first. */
export function renderText(document: MailDocument): string {
	const parts = document.blocks.map((block) => {
		switch (block.type) {
			case 'paragraph':
				return block.text;
			case 'heading':
				return `${block.text}\n${'-'.repeat(block.text.length)}`;
			case 'list':
				return block.items.map((item) => `- ${item.replaceAll('\n', '\n  ')}`).join('\n');
			case 'link':
				return `${block.label}:\n${block.href}`;
			case 'code':
				return `    ${block.text}`;
		}
	});
	return `${parts.join('\n\n')}\n`;
}

/**
 * The HTML version: plain semantic elements with a few inline styles (mail clients drop style
 * sheets), no images and no links other than the ones the blocks carry.
 */
export function renderHtml(document: MailDocument): string {
	const body = document.blocks
		.map((block) => {
			switch (block.type) {
				case 'paragraph':
					return `<p style="margin:0 0 16px">${lines(block.text)}</p>`;
				case 'heading':
					return `<h2 style="font-size:20px;margin:24px 0 8px">${escapeHtml(block.text)}</h2>`;
				case 'list':
					return `<ul style="margin:0 0 16px;padding-left:24px">${block.items
						.map((item) => `<li style="margin:0 0 8px">${lines(item)}</li>`)
						.join('')}</ul>`;
				case 'link':
					return isWebUrl(block.href)
						? `<p style="margin:0 0 16px"><a href="${escapeHtml(block.href)}">${escapeHtml(block.label)}</a></p>`
						: `<p style="margin:0 0 16px">${escapeHtml(block.label)}: ${escapeHtml(block.href)}</p>`;
				case 'code':
					return `<p style="margin:0 0 16px;font-family:monospace;font-size:28px;font-weight:bold;letter-spacing:4px">${escapeHtml(block.text)}</p>`;
			}
		})
		.join('\n');
	return [
		'<!doctype html>',
		'<html lang="nl">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(document.title)}</title>`,
		'</head>',
		'<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
		'<div style="max-width:600px">',
		body,
		'</div>',
		'</body>',
		'</html>',
		''
	].join('\n');
}

/** Escaped text whose line breaks stay line breaks. */
function lines(text: string): string {
	return escapeHtml(text).replaceAll('\n', '<br>');
}

/** Only http(s) becomes a link: never `javascript:` or `data:`, whatever reached the template. */
function isWebUrl(href: string): boolean {
	const url = URL.parse(href);
	return url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
}
