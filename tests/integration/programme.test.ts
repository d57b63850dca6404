import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce } from '../../src/lib/server/db/migrations';
import { findPublishedProgramme } from '../../src/lib/server/events/programme';
import { formatLongDate, formatTime } from '../../src/lib/format/nl';
import { silentLog } from './support/silent-log';
import { createMigratedDatabase, type TestDatabase } from './support/test-database';

describe('the seeded 2019 programme', () => {
	let db: TestDatabase;
	beforeAll(async () => {
		db = await createMigratedDatabase();
		expect(await seedOnce(db.sql, silentLog)).toBe(true);
	});
	afterAll(() => db.drop());

	it('has the event with its fee, VAT rate, contact and partner', async () => {
		const programme = await findPublishedProgramme(db.sql);
		expect(programme).toMatchObject({
			slug: 'ontwerpsessies-2019',
			title: 'Community of practice: ontwerpsessies 2019',
			seriesTitle: 'Innovatiesubsidies Sociaal Domein',
			feeCents: 79_500,
			vatRateBp: 2_100,
			contactName: 'Martijn Arnoldus',
			contactPhone: '+31 85 0185 071',
			contactEmail: 'martijn@scalematters.nl',
			partnerName: 'Universiteit Utrecht'
		});
	});

	it('has the three themes in order', async () => {
		const programme = await findPublishedProgramme(db.sql);
		expect(programme?.themes.map((t) => t.title)).toEqual([
			'Balanceren tussen laagdrempeligheid/flexibiliteit en sturen op resultaat',
			'Zichtbaarheid en impact',
			'Borging en vervolg'
		]);
		expect(programme?.themes.every((t) => t.description.length > 50)).toBe(true);
	});

	it('has both sessions with date, place and the agenda times of the programme', async () => {
		const programme = await findPublishedProgramme(db.sql);
		const [first, second] = programme?.sessions ?? [];
		expect(first && formatLongDate(first.startsAt)).toBe('donderdag 26 september 2019');
		expect(first?.venueName).toBe('Plastic Soep Pop-up atelier');
		expect(first?.venueAddress).toBe('Passage 20');
		expect(first?.venueCity).toBe('Zandvoort');
		expect(first?.agenda.map((item) => formatTime(item.startsAt))).toEqual([
			'13:30', '13:45', '14:00', '14:30', '14:50', '15:30', '15:50', '16:30', '16:45'
		]);
		expect(first?.agenda[5]).toMatchObject({ title: 'Pauze', kind: 'break' });

		expect(second && formatLongDate(second.startsAt)).toBe('donderdag 31 oktober 2019');
		expect(second?.venueName).toBeNull();
		expect(second?.agenda.map((item) => formatTime(item.startsAt))).toEqual([
			'13:30', '13:40', '14:10', '15:05', '15:25', '16:20', '16:30'
		]);
		expect(second?.agenda.at(-1)?.title).toBe('Afsluiting');
	});

	it('lets every agenda item run until the next one starts', async () => {
		const programme = await findPublishedProgramme(db.sql);
		for (const session of programme?.sessions ?? []) {
			session.agenda.forEach((item, index) => {
				const next = session.agenda[index + 1];
				expect(item.endsAt.getTime()).toBe(next ? next.startsAt.getTime() : session.endsAt.getTime());
			});
		}
		expect(programme?.sessions.length).toBe(2);
	});

	it('finds a programme by slug, and nothing for unknown or unpublished ones', async () => {
		expect((await findPublishedProgramme(db.sql, 'ontwerpsessies-2019'))?.title).toContain('2019');
		expect(await findPublishedProgramme(db.sql, 'bestaat-niet')).toBeNull();
		await db.sql`
			insert into public.events (slug, title, fee_cents) values ('concept-2020', 'Concept 2020', 0)
		`;
		expect(await findPublishedProgramme(db.sql, 'concept-2020')).toBeNull();
		expect((await findPublishedProgramme(db.sql))?.slug).toBe('ontwerpsessies-2019');
	});

	it('is seeded once: deleted demo data does not come back', async () => {
		expect(await seedOnce(db.sql, silentLog)).toBe(false);
		// Registrations hold on to their event (on delete restrict): they go first.
		await db.sql`delete from public.registrations where event_id = (select id from public.events where slug = 'ontwerpsessies-2019')`;
		await db.sql`delete from public.events where slug = 'ontwerpsessies-2019'`;
		expect(await seedOnce(db.sql, silentLog)).toBe(false);
		expect(await findPublishedProgramme(db.sql, 'ontwerpsessies-2019')).toBeNull();
	});
});
