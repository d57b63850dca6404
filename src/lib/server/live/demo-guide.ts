import type { Sql } from '../db/database';

/**
 * What `npm start` prints in the embedded demo after "draait op …": where to go to try a live
 * session alone with two browser windows. Only for the embedded database with demo data; with a
 * configured DATABASE_URL it says nothing (real participants' links are never printed).
 */
export async function demoGuide(sql: Sql, origin: string): Promise<string[]> {
	const [session] = await sql<{ slug: string; position: number; join_code: string }[]>`
		select e.slug, s.position, l.join_code
		from public.live_sessions l
		join public.event_sessions s on s.id = l.session_id
		join public.events e on e.id = s.event_id
		where e.status = 'published' and l.status <> 'ended'
		order by s.starts_at limit 1
	`;
	if (!session) return [];
	const people = await sql<{ name: string; access_token: string }[]>`
		select r.name, r.access_token
		from public.registrations r
		join public.events e on e.id = r.event_id
		where e.slug = ${session.slug} and r.status = 'confirmed' and r.anonymised_at is null
		order by r.created_at limit 2
	`;
	return [
		'',
		'Probeer een live sessie (demo):',
		`  Programma:            ${origin}/programma/${session.slug}`,
		`  Console (begeleider): ${origin}/beheer/${session.slug}/sessies/${session.position}`,
		'                        inloggen als facilitator@ontwerpsessies.test; de code staat op de pagina',
		`  Groot scherm:         ${origin}/sessie/${session.join_code}/scherm`,
		`  Deelnemerskamer:      ${origin}/sessie/${session.join_code}  (code ${session.join_code}, inlopers welkom)`,
		...people.map((person, index) => `  ${index === 0 ? 'Als deelnemer:        ' : '                      '}${origin}/aanmelding/${person.access_token}  (${person.name})`),
		'  Open de console en een deelnemer in twee verschillende browservensters (bijvoorbeeld één privévenster).',
		`  Verslag:              ${origin}/beheer/${session.slug}/verslagen/${session.position}`,
		'                        sluit de sessie af in de console; het verslag gebruikt dan de momentopnamen van de canvassen',
		'                        (inloggen als organisator@ontwerpsessies.test)'
	];
}
