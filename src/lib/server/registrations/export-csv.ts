import { stringify } from 'csv-stringify/sync';
import { isoDate } from '$lib/format/nl';
import { organisationKindLabel, statusLabel, type OrganisationKindName } from '$lib/registrations/labels';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { listRegistrations, type RegistrationDetail, type RegistrationFilter } from './queries';

/**
 * The desk's table as a spreadsheet file that Excel with Dutch settings opens as columns
 * straight away: UTF-8 with a byte-order mark (or Excel guesses Windows-1252 and breaks ë),
 * semicolons (Dutch Excel uses the comma as decimal separator, so it splits on `;`), CRLF,
 * and dates written the way Dutch Excel reads them (`26-09-2019 13:30`, Amsterdam time).
 */

const dateTime = new Intl.DateTimeFormat('nl-NL', {
	timeZone: 'Europe/Amsterdam',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** `26-09-2019 13:30` in Amsterdam time. */
export function formatCsvDateTime(value: Date): string {
	const parts = Object.fromEntries(dateTime.formatToParts(value).map((part) => [part.type, part.value]));
	return `${parts['day']}-${parts['month']}-${parts['year']} ${parts['hour']}:${parts['minute']}`;
}

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+…`, `-…`, `@…`, or one that
 * starts with a tab or carriage return, which some spreadsheets strip first) gets a leading
 * apostrophe, so it is shown as text. Names and organisations are typed by anyone who signs up.
 */
export function neutraliseFormula(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One registration with everything the export shows: the detail page's facts, flattened. */
export type ExportRow = Pick<
	RegistrationDetail,
	| 'name'
	| 'email'
	| 'phone'
	| 'jobTitle'
	| 'organisationName'
	| 'organisationCode'
	| 'status'
	| 'waitlistPosition'
	| 'hasInnovationScheme'
	| 'needs'
	| 'participantListConsent'
	| 'billingName'
	| 'billingDepartment'
	| 'billingStreet'
	| 'billingPostcode'
	| 'billingCity'
	| 'billingEmail'
	| 'purchaseOrder'
	| 'billingReference'
	| 'costCentre'
	| 'createdAt'
	| 'statusChangedAt'
> & {
	organisationKind: OrganisationKindName;
	/** Check-in time per session id, for the sessions this registration attends. */
	sessions: Record<string, Date | null>;
};

export interface ExportSession {
	id: string;
	title: string;
}

const schemeAnswers = { ja: 'ja', nee: 'nee', 'weet-niet': 'weet niet' } as const;

/** The CSV text (with BOM) for these rows; a column per session for "aangemeld" and "ingecheckt". */
export function registrationsCsv(rows: ExportRow[], sessions: ExportSession[]): string {
	const header = [
		'Naam',
		'E-mailadres',
		'Telefoon',
		'Functie',
		'Organisatie',
		'Soort organisatie',
		'CBS-code',
		'Status',
		'Plaats op wachtlijst',
		...sessions.flatMap((session) => [session.title, `Ingecheckt ${session.title}`]),
		'Eigen regeling innovatiesubsidies',
		'Dieet- of toegankelijkheidswensen',
		'Op deelnemerslijst',
		'Factuur: organisatie',
		'Factuur: afdeling',
		'Factuur: adres',
		'Factuur: postcode',
		'Factuur: plaats',
		'Factuur: e-mailadres',
		'Inkoopordernummer',
		'Referentie',
		'Kostenplaats',
		'Aangemeld op',
		'Status gewijzigd op'
	];
	const records = rows.map((row) => [
		row.name,
		row.email,
		row.phone ?? '',
		row.jobTitle,
		row.organisationName,
		organisationKindLabel(row.organisationKind),
		row.organisationCode ?? '',
		statusLabel(row.status),
		row.waitlistPosition === null ? '' : String(row.waitlistPosition),
		...sessions.flatMap((session) => {
			if (!(session.id in row.sessions)) return ['nee', ''];
			const checkedIn = row.sessions[session.id];
			return ['ja', checkedIn ? formatCsvDateTime(checkedIn) : ''];
		}),
		schemeAnswers[row.hasInnovationScheme],
		row.needs ?? '',
		row.participantListConsent ? 'ja' : 'nee',
		row.billingName,
		row.billingDepartment ?? '',
		row.billingStreet,
		row.billingPostcode,
		row.billingCity,
		row.billingEmail,
		row.purchaseOrder ?? '',
		row.billingReference ?? '',
		row.costCentre ?? '',
		formatCsvDateTime(row.createdAt),
		formatCsvDateTime(row.statusChangedAt)
	]);
	return stringify([header, ...records].map((record) => record.map(neutraliseFormula)), {
		bom: true,
		delimiter: ';',
		record_delimiter: '\r\n'
	});
}

/** `aanmeldingen-ontwerpsessies-2019-2026-11-23.csv`, dated in Amsterdam. */
export function exportFilename(slug: string, now: Date): string {
	return `aanmeldingen-${slug}-${isoDate(now)}.csv`;
}

/**
 * The registrations of an event that pass the desk's filters, in the desk's order, as CSV —
 * and the audit line saying who took the personal data out of the app, and which part.
 */
export async function exportRegistrationsCsv(
	sql: Sql,
	event: { id: string; slug: string },
	filter: RegistrationFilter,
	actor: string,
	now = new Date()
): Promise<{ filename: string; csv: string; count: number }> {
	// The table's own query decides which rows and in what order, so export and table agree.
	const listed = await listRegistrations(sql, event.id, filter);
	const ids = listed.map((row) => row.id);
	const details = ids.length === 0 ? [] : await sql<(Omit<ExportRow, 'organisationKind' | 'waitlistPosition' | 'sessions'> & { id: string; sessions: Record<string, string | null> })[]>`
		select r.id, r.name, r.email, r.phone, r.job_title as "jobTitle", r.organisation_name as "organisationName",
			r.organisation_code as "organisationCode", r.status, r.has_innovation_scheme as "hasInnovationScheme", r.needs,
			r.participant_list_consent as "participantListConsent",
			r.billing_name as "billingName", r.billing_department as "billingDepartment", r.billing_street as "billingStreet",
			r.billing_postcode as "billingPostcode", r.billing_city as "billingCity", r.billing_email as "billingEmail",
			r.purchase_order as "purchaseOrder", r.billing_reference as "billingReference", r.cost_centre as "costCentre",
			r.created_at as "createdAt", r.status_changed_at as "statusChangedAt",
			coalesce((select json_object_agg(rs.session_id, rs.checked_in_at) from public.registration_sessions rs
				where rs.registration_id = r.id), '{}') as sessions
		from public.registrations r
		where r.id = any(${ids}::uuid[])
	`;
	const byId = new Map(details.map((row) => [row.id, row]));
	const rows: ExportRow[] = listed.flatMap((item) => {
		const row = byId.get(item.id);
		if (!row) return [];
		const { sessions, ...rest } = row;
		return [
			{
				...rest,
				organisationKind: item.organisationKind,
				waitlistPosition: item.waitlistPosition,
				sessions: Object.fromEntries(
					Object.entries(sessions).map(([sessionId, at]) => [sessionId, at === null ? null : new Date(at)])
				)
			}
		];
	});
	const sessions = await sql<ExportSession[]>`
		select id, title from public.event_sessions where event_id = ${event.id} order by position
	`;
	await recordAudit(sql, {
		actor,
		action: 'registrations.exported',
		eventId: event.id,
		// The search text may be someone's name: the log keeps only that there was one.
		details: { count: rows.length, filter: { ...filter, q: filter.q === '' ? '' : '(zoekterm)' } }
	});
	return { filename: exportFilename(event.slug, now), csv: registrationsCsv(rows, sessions), count: rows.length };
}
