import { error, redirect } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { joinQrSvg, joinUrl } from '$lib/server/live/join-qr';
import { sessionByJoinCode } from '$lib/server/live/participants';
import type { PageServerLoad } from './$types';

/** The beamer: staff open it on the laptop connected to it. */
export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const { params, locals } = event;
	const session = await sessionByJoinCode(locals.sql, params.code);
	if (!session) error(404, 'Er is geen sessie met deze code.');
	if (session.joinCode !== params.code) redirect(308, `/sessie/${session.joinCode}/scherm`);
	const state = await locals.live.read(session.sessionId, null);
	if (!state) error(404, 'Er is geen sessie met deze code.');
	const url = joinUrl(locals.config.publicOrigin, session.joinCode);
	return { bare: true, state, joinUrl: url, qrSvg: joinQrSvg(url) };
};
