import { error } from '@sveltejs/kit';
import { findSnapshot } from '$lib/server/live/look-back';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, cookies }) => {
	const snapshot = await findSnapshot(locals.sql, { code: params.code, session: params.sessie, theme: params.thema, staff: locals.staff, cookies });
	if (!snapshot) error(404, 'Deze momentopname bestaat niet, of je kunt hem niet bekijken. Open eerst de sessie met je persoonlijke link of de code.');
	const { state: _state, ...facts } = snapshot;
	return { snapshot: facts, code: params.code };
};
