import { error, type RequestEvent } from '@sveltejs/kit';
import { eventSlugSchema, sessionNumberSchema } from '$lib/events/schema';
import { requireOrganizer } from '../auth/guard';
import type { ReportDraft } from './reports';

/**
 * The organizer's draft of the report of session `nummer` of event `slug`, for the editor and its
 * previews (pages, PDF, canvas files); a 303 to sign in, a 403 for facilitators, a Dutch 404.
 */
export async function organizerDraft(event: RequestEvent<{ slug: string; nummer: string }>): Promise<ReportDraft> {
	requireOrganizer(event);
	const slug = eventSlugSchema.safeParse(event.params.slug);
	const position = sessionNumberSchema.safeParse(event.params.nummer);
	const draft = slug.success && position.success ? await event.locals.reports.draft(slug.data, position.data) : null;
	if (!draft) error(404, 'Deze sessie bestaat niet.');
	return draft;
}
