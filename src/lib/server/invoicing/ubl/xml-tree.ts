import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A small, typed read-only view of an XML document for the rule checks: elements by local name
 * (namespace prefixes dropped, so `cbc:ID` and `ID` are the same), their attributes and their
 * trimmed text. fast-xml-parser hands back untyped objects; this is the one place that looks
 * at their shape.
 */
export interface XmlElement {
	readonly name: string;
	readonly attributes: ReadonlyMap<string, string>;
	/** Trimmed text directly inside the element; `''` when there is none. */
	readonly text: string;
	readonly children: readonly XmlElement[];
}

const parser = new XMLParser({
	preserveOrder: true,
	removeNSPrefix: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	// Keep every value a string: `0106` must not become 106, `795.00` not 795.
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true
});

/** The root element, or `null` when the text is not well-formed XML. */
export function parseXml(xml: string): XmlElement | null {
	if (XMLValidator.validate(xml) !== true) return null;
	const nodes: unknown = parser.parse(xml);
	const elements = Array.isArray(nodes) ? nodes.flatMap(toElement) : [];
	return elements.find((element) => !element.name.startsWith('?')) ?? null;
}

/** All elements reached by a `/`-separated path of local names below `from`, in document order. */
export function select(from: XmlElement, path: string): XmlElement[] {
	return path
		.split('/')
		.reduce<XmlElement[]>((current, name) => current.flatMap((element) => element.children.filter((child) => child.name === name)), [from]);
}

/** The text of the first element on `path`, or `null` when it is missing or empty. */
export function textAt(from: XmlElement, path: string): string | null {
	const text = select(from, path)[0]?.text ?? '';
	return text === '' ? null : text;
}

/** One node of fast-xml-parser's `preserveOrder` output: `{ [name]: children, ':@'?: attributes }`. */
function toElement(node: unknown): XmlElement[] {
	if (!isRecord(node)) return [];
	const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
	if (name === undefined) return [];
	const content = node[name];
	const childNodes: unknown[] = Array.isArray(content) ? content : [];
	const text = childNodes
		.map((child) => (isRecord(child) && '#text' in child ? String(child['#text']) : ''))
		.join('')
		.trim();
	return [{ name, attributes: attributesOf(node[':@']), text, children: childNodes.flatMap(toElement) }];
}

function attributesOf(value: unknown): ReadonlyMap<string, string> {
	if (!isRecord(value)) return new Map();
	return new Map(Object.entries(value).map(([key, attribute]) => [key, String(attribute)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
