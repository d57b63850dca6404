import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { eventSlugSchema } from '$lib/events/schema';
import { visitorId } from '$lib/server/http/visitor';
import { findThemeCanvas } from '$lib/server/realtime/canvas-access';

const themeNumberSchema = z.coerce.number().int().min(1).max(100);

export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
	const slug = eventSlugSchema.safeParse(params.slug);
	const number = themeNumberSchema.safeParse(params.nummer);
	const canvas = slug.success && number.success ? await findThemeCanvas(locals.sql, slug.data, number.data) : null;
	if (!canvas) error(404, 'Dit thema bestaat niet, of het programma is (nog) niet gepubliceerd.');
	visitorId(cookies, url.protocol === 'https:');
	return { canvas, openAccess: locals.config.CANVAS_OPEN_ACCESS || locals.staff !== null };
};
