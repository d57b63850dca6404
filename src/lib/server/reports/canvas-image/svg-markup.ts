// Writing SVG as text: elements with escaped attributes, numbers rounded for a compact file,
// and only characters XML 1.0 allows.

export type Attributes = Record<string, string | number | null>;

/**
 * One SVG element: numbers rounded, strings escaped, null attributes left out. `content` is
 * markup, inserted as it is (escape text with {@link escapeXml}); without it the element is empty.
 */
export function element(name: string, attributes: Attributes, content?: string): string {
	let markup = `<${name}`;
	for (const [attribute, value] of Object.entries(attributes)) {
		if (value !== null) markup += ` ${attribute}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
	}
	return content === undefined ? `${markup}/>` : `${markup}>${content}</${name}>`;
}

/** A number for SVG: two decimals at most, never "-0". */
export function num(value: number): string {
	const rounded = Math.round(value * 100) / 100;
	return Object.is(rounded, -0) ? '0' : String(rounded);
}

const NOT_IN_XML =
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text without the characters XML 1.0 does not allow (control characters, unpaired surrogates). */
export function xmlSafe(text: string): string {
	return text.replace(NOT_IN_XML, '');
}

/** Text made safe for XML content and attribute values. */
export function escapeXml(text: string): string {
	return xmlSafe(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}
