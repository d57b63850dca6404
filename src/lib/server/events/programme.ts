import type { Sql } from '../db/database';
import { programmeSchema, type Programme } from '$lib/events/schema';

/**
 * A published event with its themes and sessions (each with its agenda), or null when there is
 * no published event with that slug. Without a slug: the published event that starts last, which
 * is what the home page shows.
 */
export async function findPublishedProgramme(sql: Sql, slug?: string): Promise<Programme | null> {
	return queryProgramme(sql, { slug: slug ?? null, id: null, publishedOnly: true });
}

/** An event's programme by id, published or not: for mails about registrations that already exist. */
export async function findProgrammeById(sql: Sql, id: string): Promise<Programme | null> {
	return queryProgramme(sql, { slug: null, id, publishedOnly: false });
}

async function queryProgramme(
	sql: Sql,
	where: { slug: string | null; id: string | null; publishedOnly: boolean }
): Promise<Programme | null> {
	// One round trip: the programme is assembled as JSON by PostgreSQL, then parsed with zod.
	const [row] = await sql<{ programme: unknown }[]>`
		select json_build_object(
			'id', e.id,
			'slug', e.slug,
			'title', e.title,
			'seriesTitle', e.series_title,
			'introduction', e.introduction,
			'approach', e.approach,
			'audience', e.audience,
			'feeCents', e.fee_cents,
			'vatRateBp', e.vat_rate_bp,
			'fee', json_build_object(
				'vatMode', e.vat_mode,
				'exemptionText', e.vat_exemption_text,
				'furtherParticipantDiscountCents', e.further_participant_discount_cents,
				'freeCancellationUntil', to_char(e.free_cancellation_until, 'YYYY-MM-DD'),
				'cancellationFeeCents', e.cancellation_fee_cents
			),
			'contactName', e.contact_name,
			'contactPhone', e.contact_phone,
			'contactEmail', e.contact_email,
			'partnerName', e.partner_name,
			'partnerDescription', e.partner_description,
			'publicationNote', e.publication_note,
			'themes', coalesce((
				select json_agg(json_build_object(
					'id', t.id, 'position', t.position, 'title', t.title, 'description', t.description
				) order by t.position)
				from public.themes t where t.event_id = e.id
			), '[]'::json),
			'sessions', coalesce((
				select json_agg(json_build_object(
					'id', s.id, 'position', s.position, 'title', s.title,
					'startsAt', s.starts_at, 'endsAt', s.ends_at,
					'venueName', s.venue_name, 'venueAddress', s.venue_address, 'venueCity', s.venue_city,
					'agenda', coalesce((
						select json_agg(json_build_object(
							'id', a.id, 'position', a.position, 'title', a.title, 'kind', a.kind,
							'startsAt', a.starts_at, 'endsAt', a.ends_at
						) order by a.position)
						from public.agenda_items a where a.session_id = s.id
					), '[]'::json)
				) order by s.position)
				from public.event_sessions s where s.event_id = e.id
			), '[]'::json)
		) as programme
		from public.events e
		where (e.status = 'published' or not ${where.publishedOnly})
			and (${where.slug}::text is null or e.slug = ${where.slug}::text)
			and (${where.id}::uuid is null or e.id = ${where.id}::uuid)
		order by (select max(s.starts_at) from public.event_sessions s where s.event_id = e.id) desc nulls last,
			e.published_at desc
		limit 1
	`;
	if (!row) return null;
	return programmeSchema.parse(row.programme);
}
