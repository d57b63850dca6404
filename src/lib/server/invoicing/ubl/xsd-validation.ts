import { validateXML } from 'xmllint-wasm';
import type { InvoiceKind } from '../invoice-document';
import { UBL_NAMESPACES } from './ubl-identifiers';

/**
 * The OASIS UBL 2.1 schema files as strings, bundled into the server build by Vite, so
 * validation reads nothing from disk at run time. Keyed by their path below `schemas/`
 * (`maindoc/UBL-Invoice-2.1.xsd`, `common/…`): the schemas import each other by relative path
 * (`../common/…`), and xmllint resolves those paths in its in-memory file system.
 */
const SCHEMA_FILES = Object.entries(
	import.meta.glob<string>('./schemas/**/*.xsd', { query: '?raw', import: 'default', eager: true })
).map(([path, contents]) => ({ fileName: path.replace(/^\.\/schemas\//, ''), contents: withoutAnnotations(contents) }));

/**
 * The schemas without their documentation (`xsd:annotation`: the CCTS definitions of every
 * element, three quarters of the 2.9 MB). libxml2 parses the schemas anew on every validation;
 * what it need not read makes each validation faster, and the rules themselves are untouched.
 */
function withoutAnnotations(schema: string): string {
	return schema.replace(/<xsd:annotation\b[\s\S]*?<\/xsd:annotation>/g, '');
}

const MAIN_SCHEMA: Readonly<Record<InvoiceKind, string>> = {
	invoice: 'maindoc/UBL-Invoice-2.1.xsd',
	'credit-note': 'maindoc/UBL-CreditNote-2.1.xsd'
};

const DOCUMENT_FILE_NAME = 'document.xml';

export interface XsdValidation {
	valid: boolean;
	/** libxml2's messages, each prefixed with the line in the UBL file (`regel 12: …`). */
	errors: string[];
}

/**
 * Validates a UBL file against the UBL 2.1 Invoice or CreditNote schema: element names, order,
 * cardinality and data types. Business rules are not part of a schema; see `dutch-rules.ts`.
 *
 * Each call starts a worker thread with libxml2 (WebAssembly) and compiles the schema anew,
 * which is most of its time (see `npm run bench:invoicing`). Fine for issuing invoices one by
 * one or a few dozen in a batch.
 */
export async function validateAgainstXsd(xml: string, kind: InvoiceKind): Promise<XsdValidation> {
	const main = MAIN_SCHEMA[kind];
	const schema = SCHEMA_FILES.find((file) => file.fileName === main);
	if (!schema) throw new Error(`UBL schema ${main} is missing from the build`);
	const result = await validateXML({
		xml: [{ fileName: DOCUMENT_FILE_NAME, contents: xml }],
		schema: [schema],
		preload: SCHEMA_FILES.filter((file) => file !== schema)
	});
	return {
		valid: result.valid,
		errors: result.errors.map((error) => {
			const message = readableMessage(error.message);
			return error.loc?.fileName === DOCUMENT_FILE_NAME ? `regel ${error.loc.lineNumber}: ${message}` : message;
		})
	};
}

/**
 * libxml2 names elements as `{urn:oasis:…:CommonBasicComponents-2}IssueDate`; the prefixes the
 * file itself uses (`cbc:IssueDate`) are what a reader can find in it.
 */
function readableMessage(message: string): string {
	return message
		.replace(/^.*?Schemas validity error : /, '')
		.replaceAll(`{${UBL_NAMESPACES.basic}}`, 'cbc:')
		.replaceAll(`{${UBL_NAMESPACES.aggregate}}`, 'cac:')
		.replaceAll(`{${UBL_NAMESPACES.invoice}}`, '')
		.replaceAll(`{${UBL_NAMESPACES.creditNote}}`, '');
}
