import type { PageServerLoad } from './$types';
import { findPublishedProgramme } from '$lib/server/events/programme';

/** The privacy statement names the organizer of the current programme as the one to ask. */
export const load: PageServerLoad = async ({ locals }) => {
	const programme = await findPublishedProgramme(locals.sql);
	const [retention] = programme
		? await locals.sql<{ retention_days: number }[]>`select retention_days from public.events where id = ${programme.id}`
		: [];
	return {
		contact: programme
			? { name: programme.contactName, email: programme.contactEmail, phone: programme.contactPhone, title: programme.title }
			: null,
		retentionDays: retention?.retention_days ?? null
	};
};
