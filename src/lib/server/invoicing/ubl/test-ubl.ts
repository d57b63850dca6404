import type { RuleResult } from './ubl-rule';
import { select, type XmlElement } from './xml-tree';

/**
 * Helpers for the UBL tests: break a generated file in one precise place, and look up one
 * rule's result. Not used by the app itself.
 */

/** `xml` with the single occurrence of `search` replaced; throws when it is not there exactly once. */
export function replaceOnce(xml: string, search: string | RegExp, replacement: string): string {
	const count = typeof search === 'string' ? xml.split(search).length - 1 : [...xml.matchAll(new RegExp(search, 'g'))].length;
	if (count !== 1) throw new Error(`expected exactly one ${String(search)} in the XML, found ${count}`);
	return xml.replace(search, replacement);
}

/** The result of rule `id`; throws when the rule was not checked at all. */
export function ruleResult(results: readonly RuleResult[], id: string): RuleResult {
	const result = results.find((candidate) => candidate.id === id);
	if (!result) throw new Error(`rule ${id} was not checked; checked: ${results.map((r) => r.id).join(', ')}`);
	return result;
}

/** Ids of the rules that failed, for a readable assertion message. */
export function failedRuleIds(results: readonly RuleResult[]): string[] {
	return results.filter((result) => !result.passed).map((result) => result.id);
}

/** The first element on `path`; throws when there is none, so a test fails with a clear message. */
export function elementAt(from: XmlElement, path: string): XmlElement {
	const element = select(from, path)[0];
	if (!element) throw new Error(`no ${path} below ${from.name}`);
	return element;
}
