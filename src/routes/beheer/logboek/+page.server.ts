import { requireOrganizer } from '$lib/server/auth/guard';
import { auditEventChoices, auditPageSchema, listAuditLog } from '$lib/server/audit/audit-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireOrganizer(event);
	const events = await auditEventChoices(event.locals.sql);
	const chosen = events.find((candidate) => candidate.slug === event.url.searchParams.get('evenement')) ?? null;
	const page = auditPageSchema.parse(event.url.searchParams.get('pagina') ?? 1);
	return {
		...(await listAuditLog(event.locals.sql, { eventId: chosen?.id ?? null, page })),
		page,
		events: events.map(({ slug, title }) => ({ slug, title })),
		chosen: chosen?.slug ?? null
	};
};
