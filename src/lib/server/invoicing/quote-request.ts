import { z } from 'zod';
import type { Programme } from '$lib/events/schema';
import type { Sql } from '../db/database';
import { listCurrentOrganisations, organisationResolver } from '../registrations/organisations';
import { otherBuyerKey } from './buyer-profiles';
import { amsterdamToday } from './calendar-date';
import { loadFeeSettings, loadInvoicingOptions } from './fee-settings-store';
import { buildQuote, MAX_QUOTE_PARTICIPANTS } from './quote';
import type { QuoteDocument } from './quote-document';
import { loadSellerSettings } from './seller-settings';

/** The query-string names of the quote form (`?organisatie=…&deelnemers=…`). */
export const quoteField = { organisation: 'organisatie', participants: 'deelnemers' } as const;

export const quoteRequestSchema = z.object({
	organisation: z
		.string({ error: 'Vul de naam van je organisatie in.' })
		.trim()
		.min(2, 'Vul de naam van je organisatie in, bijvoorbeeld Gemeente Utrecht.')
		.max(200, 'Gebruik voor de naam van de organisatie hoogstens 200 tekens.')
		.refine((value) => !/[<>\p{Cc}]/u.test(value), 'De naam van de organisatie bevat tekens die hier niet horen.'),
	participants: z
		.string({ error: 'Vul het aantal deelnemers in.' })
		.trim()
		.regex(/^\d{1,3}$/, 'Vul bij het aantal deelnemers een heel getal in, bijvoorbeeld 2.')
		.transform(Number)
		.pipe(
			z
				.number()
				.min(1, 'Een offerte is voor minstens 1 deelnemer.')
				.max(MAX_QUOTE_PARTICIPANTS, `Een offerte is voor hoogstens ${MAX_QUOTE_PARTICIPANTS} deelnemers.`)
		)
});

export type QuoteOutcome =
	| { kind: 'unavailable' }
	| { kind: 'invalid'; errors: Record<string, string>; values: Record<string, string> }
	| { kind: 'ready'; quote: QuoteDocument };

/**
 * Reads a quote request from the query string and builds the quote. A gemeente or provincie is
 * recognised from the CBS list (its official name goes on the quote); anything else is taken as
 * typed, for other public bodies. Without seller settings there is no quote to give.
 */
export async function quoteFromQuery(sql: Sql, programme: Programme, query: URLSearchParams, now = new Date()): Promise<QuoteOutcome> {
	const values = { [quoteField.organisation]: query.get(quoteField.organisation) ?? '', [quoteField.participants]: query.get(quoteField.participants) ?? '' };
	const parsed = quoteRequestSchema.safeParse({ organisation: values[quoteField.organisation], participants: values[quoteField.participants] });
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const key = issue.path[0] as keyof typeof quoteField;
			errors[quoteField[key] ?? 'formulier'] ??= issue.message;
		}
		return { kind: 'invalid', errors, values };
	}
	const [seller, fee, options, organisations] = await Promise.all([
		loadSellerSettings(sql),
		loadFeeSettings(sql, programme.id),
		loadInvoicingOptions(sql, programme.id),
		listCurrentOrganisations(sql)
	]);
	if (!seller || !fee || !options) return { kind: 'unavailable' };
	const code = organisationResolver(organisations)(parsed.data.organisation);
	const listed = organisations.find((organisation) => organisation.code === code);
	const organisation = listed ? { key: listed.code, name: listed.label } : { key: otherBuyerKey(parsed.data.organisation), name: parsed.data.organisation };
	return {
		kind: 'ready',
		quote: buildQuote({
			programme,
			fee,
			seller,
			organisation,
			participants: parsed.data.participants,
			today: amsterdamToday(now),
			validityDays: options.quoteValidityDays
		})
	};
}
