import { redirect } from '@sveltejs/kit';
import { sessionByJoinCode } from '$lib/server/live/participants';
import type { PageServerLoad } from './$types';

/** Typing the code from the big screen: `/sessie?code=…` leads to the session. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const code = url.searchParams.get('code');
	if (code === null) return { code: '', problem: null };
	const session = await sessionByJoinCode(locals.sql, code.slice(0, 20));
	if (session) redirect(303, `/sessie/${session.joinCode}`);
	return {
		code: code.slice(0, 20),
		problem: code.trim() === '' ? 'Vul de code in die op het grote scherm staat.' : 'Er is geen sessie met deze code. Controleer de zes tekens op het grote scherm.'
	};
};
