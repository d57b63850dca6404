-- Demo data: the 2019 programme of the community of practice "Innovatiesubsidies Sociaal
-- Domein" (source: shared/seeds/000). Fixed ids keep links stable between machines.
-- Times are written in Europe/Amsterdam and stored as timestamptz.

insert into public.events (
  id, slug, status, published_at, title, series_title, introduction, approach, audience,
  fee_cents, vat_rate_bp, contact_name, contact_phone, contact_email,
  partner_name, partner_description, publication_note
) values (
  '00000000-0000-4000-8000-000000002019',
  'ontwerpsessies-2019',
  'published',
  '2019-06-01 09:00 Europe/Amsterdam',
  'Community of practice: ontwerpsessies 2019',
  'Innovatiesubsidies Sociaal Domein',
  'Tal van gemeenten en provincies in Nederland stimuleren via subsidie vernieuwend initiatief in het sociaal domein. Een rondgang langs alle gemeenten en provincies van Nederland leert dat er 36 zijn die zelfs een aparte regeling voor innovatiesubsidies hebben opgezet. Het verkennende onderzoek ‘Innovatiesubsidies Sociaal Domein’ is bedoeld als startpunt voor een korte community of practice van ambtenaren van lokale overheden die belang hechten aan vernieuwing van het sociaal domein vanuit de lokale samenleving.'
  || E'\n\n' ||
  'Op basis van de voorlopige uitkomsten van het onderzoek komen er twee ‘ontwerpsessies’ waarin drie thema’s centraal staan.',
  'De sessies zijn zo opgezet dat over elk thema een introductie wordt gegeven met ervaringen en ideeën, en de deelnemers vervolgens aan de hand van ontwerptechnieken met elkaar aan de slag gaan om oplossingen uit te werken.',
  'Deelname staat open voor alle gemeenten en provincies die vernieuwing in het sociaal domein willen stimuleren en ondersteunen. Alle gemeenten en provincies met een eigen regeling voor innovatiesubsidies worden uitgenodigd, maar deelname staat ook vrij voor andere lokale overheden.',
  79500,
  2100,
  'Martijn Arnoldus',
  '+31 85 0185 071',
  'martijn@scalematters.nl',
  'Universiteit Utrecht',
  'Uitvoering in samenwerking met het Departement Bestuurs- en Organisatiewetenschap (USBO) van Universiteit Utrecht.',
  'De publicatie is als download beschikbaar vanaf eind september 2019.'
);

insert into public.themes (id, event_id, position, title, description) values
  ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000002019', 1,
   'Balanceren tussen laagdrempeligheid/flexibiliteit en sturen op resultaat',
   'Hoe zorg je ervoor dat er vaart blijft zitten in de regeling, maar dat dat niet ten koste gaat van het streven naar vernieuwing die beklijft in het sociaal domein?'),
  ('00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000002019', 2,
   'Zichtbaarheid en impact',
   'Het vergroten van de zichtbaarheid van de opbrengsten/impact van de regeling en de ondersteunde initiatieven. Daarbij ook het bereiken van doelgroepen die nu onvoldoende worden bereikt.'),
  ('00000000-0000-4000-8000-000000000103', '00000000-0000-4000-8000-000000002019', 3,
   'Borging en vervolg',
   'De borging van gesteunde initiatieven, aansluiting op vervolgfinanciering en -ondersteuning, en, daaraan verbonden, de vraag hoe idealiter de inbedding van de subsidieregeling in de bredere infrastructuur voor bekostiging en ondersteuning van initiatieven in het sociaal domein eruit zou zien.');

insert into public.event_sessions (id, event_id, position, title, starts_at, ends_at, venue_name, venue_address, venue_city) values
  ('00000000-0000-4000-8000-000000000201', '00000000-0000-4000-8000-000000002019', 1,
   'Ontwerpsessie 1', '2019-09-26 13:30 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam',
   'Plastic Soep Pop-up atelier', 'Passage 20', 'Zandvoort'),
  ('00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000002019', 2,
   'Ontwerpsessie 2', '2019-10-31 13:30 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam',
   null, null, null);

-- Each item runs until the next one starts; the closing item until the session ends. The
-- source gives start times only: the sessions' end times (17:00 and 16:45) are our assumption.
insert into public.agenda_items (session_id, position, starts_at, ends_at, kind, title)
select
  session_id::uuid,
  row_number() over (partition by session_id order by starts_at),
  starts_at,
  coalesce(lead(starts_at) over (partition by session_id order by starts_at), session_end),
  kind,
  title
from (
  values
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 13:30 Europe/Amsterdam'::timestamptz, '2019-09-26 17:00 Europe/Amsterdam'::timestamptz, 'plenary', 'Welkom en kennismaking'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 13:45 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'plenary', 'Presentatie eindresultaten onderzoek ‘Innovatiesubsidies Sociaal Domein’'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 14:00 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'plenary', 'Onderling uitwisselen van ervaringen, best practices en verbeterpunten'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 14:30 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'plenary', 'Introductie op de drie uitdagingen'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 14:50 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'breakout', 'Samen aan de slag – de ontwerpvraag scherp krijgen'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 15:30 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'break', 'Pauze'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 15:50 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'breakout', 'Samen aan de slag – vervolg'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 16:30 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'plenary', 'Afronding. Wat neem je mee van vandaag?'),
    ('00000000-0000-4000-8000-000000000201', '2019-09-26 16:45 Europe/Amsterdam', '2019-09-26 17:00 Europe/Amsterdam', 'plenary', 'Afsluiting'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 13:30 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'plenary', 'Welkom en korte terugblik vorige sessie'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 13:40 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'plenary', 'Uitwisselen van nieuwe ervaringen, best practices en verbeterpunten sinds vorige sessie'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 14:10 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'breakout', 'Werken aan oplossingen voor de uitdagingen (ideation)'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 15:05 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'break', 'Pauze'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 15:25 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'breakout', 'Werken aan oplossingen voor ontwerpvraag #2 (ideation) – vervolg'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 16:20 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'plenary', 'Handvatten voor een aanpak om in de eigen organisatie/context verder te gaan'),
    ('00000000-0000-4000-8000-000000000202', '2019-10-31 16:30 Europe/Amsterdam', '2019-10-31 16:45 Europe/Amsterdam', 'plenary', 'Afsluiting')
) as agenda(session_id, starts_at, session_end, kind, title);

-- Sign-up: thirty places (one room in Zandvoort), at most two per organisation in the first
-- weeks. Personal data of the demo is kept ten years, or the retention sweep would anonymise
-- the 2019 registrations right away.
update public.events
set capacity = 30, organisation_cap = 2, organisation_cap_until = '2019-09-12 23:59 Europe/Amsterdam',
    retention_days = 3650
where id = '00000000-0000-4000-8000-000000002019';

-- Demo staff: sign in at /beheer/inloggen; without a mail server the demo shows the code on the page.
insert into public.staff (email, name, role) values
  ('organisator@ontwerpsessies.test', 'Demo-organisator', 'organizer'),
  ('facilitator@ontwerpsessies.test', 'Demo-facilitator', 'facilitator');

-- Demo registrations: invented people at real gemeenten and provincies (example.nl addresses).
with demo (n, name, email, job_title, code, scheme, status, billing_name, street, postcode, city, po) as (
  values
    (1, 'Anouk de Vries', 'anouk.devries@example.nl', 'Beleidsadviseur sociaal domein', 'GM0473', 'ja', 'confirmed', 'Gemeente Zandvoort', 'Postbus 2', '2040 AA', 'Zandvoort', '4500123456'),
    (2, 'Sem Jansen', 'sem.jansen@example.nl', 'Programmamanager innovatie', 'GM0344', 'ja', 'confirmed', 'Gemeente Utrecht', 'Postbus 16200', '3500 CE', 'Utrecht', '4500987654'),
    (3, 'Fatima El Amrani', 'fatima.elamrani@example.nl', 'Subsidieadviseur', 'GM0344', 'ja', 'confirmed', 'Gemeente Utrecht', 'Postbus 16200', '3500 CE', 'Utrecht', '4500987655'),
    (4, 'Pieter Bakker', 'pieter.bakker@example.nl', 'Strateeg maatschappelijke ontwikkeling', 'PV27', 'nee', 'confirmed', 'Provincie Noord-Holland', 'Postbus 3007', '2001 DA', 'Haarlem', null),
    (5, 'Lotte Visser', 'lotte.visser@example.nl', 'Beleidsmedewerker Wmo', 'GM0014', 'ja', 'confirmed', 'Gemeente Groningen', 'Postbus 30026', '9700 RM', 'Groningen', 'PO-2019-118'),
    (6, 'Daan Mulder', 'daan.mulder@example.nl', 'Accountmanager maatschappelijke initiatieven', 'GM0599', 'weet-niet', 'confirmed', 'Gemeente Rotterdam', 'Postbus 70012', '3000 KP', 'Rotterdam', null),
    (7, 'Noor Hendriks', 'noor.hendriks@example.nl', 'Adviseur participatie', 'GM0796', 'ja', 'confirmed', 'Gemeente ''s-Hertogenbosch', 'Postbus 12345', '5200 GZ', '''s-Hertogenbosch', null),
    (8, 'Bram de Boer', 'bram.deboer@example.nl', 'Beleidsadviseur', 'GM0344', 'ja', 'waitlisted', 'Gemeente Utrecht', 'Postbus 16200', '3500 CE', 'Utrecht', '4500987656')
)
, inserted as (
  insert into public.registrations (
    event_id, status, batch_id, name, email, job_title, organisation_code, organisation_name,
    has_innovation_scheme, billing_name, billing_street, billing_postcode, billing_city, billing_email,
    purchase_order, privacy_consent_at, participant_list_consent, access_token, created_at
  )
  select '00000000-0000-4000-8000-000000002019', d.status, gen_random_uuid(), d.name, d.email, d.job_title, d.code,
    case o.kind when 'gemeente' then 'Gemeente ' else 'Provincie ' end || o.name,
    d.scheme, d.billing_name, d.street, d.postcode, d.city, 'facturen@example.nl', d.po,
    timestamptz '2019-08-19 10:00 Europe/Amsterdam' + d.n * interval '1 day 3 hours', d.n % 2 = 1,
    -- 43 URL-safe characters, like the app's own tokens; demo links are not secrets.
    left(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 43),
    timestamptz '2019-08-19 10:00 Europe/Amsterdam' + d.n * interval '1 day 3 hours'
  from demo d join public.organisations o on o.code = d.code
  order by d.n
  returning id
)
insert into public.registration_sessions (registration_id, session_id)
select i.id, s.id from inserted i cross join public.event_sessions s
where s.event_id = '00000000-0000-4000-8000-000000002019';

-- Invoicing: a demo seller (invented KvK and btw-id that pass their checks; IBAN from the
-- standard examples), free cancellation until two weeks before the first session, and what we
-- know of Gemeente Utrecht as a buyer (an invented OIN) so its e-invoices can go over Peppol.
insert into public.seller_settings (legal_name, street, postcode, city, kvk, vat_id, iban, bic, payment_term_days, invoice_email, phone)
values ('Stichting Ontwerpsessies Sociaal Domein (demo)', 'Drift 10', '3512 BS', 'Utrecht', '12345678', 'NL001234567B29',
  'NL91ABNA0417164300', 'ABNANL2A', 30, 'facturen@ontwerpsessies.test', '030 123 45 67');

update public.events
set free_cancellation_until = '2019-09-12', cancellation_fee_cents = 25000
where id = '00000000-0000-4000-8000-000000002019';

-- E-invoices to Dutch public bodies name the buyer's KvK number or OIN (BR-NL-10); the demo knows
-- (invented) OINs for most demo organisations. Gemeente Groningen is left out on purpose: its
-- registration shows how an invoice waits for the buyer's details.
insert into public.buyer_profiles (organisation_code, legal_name, department, street, postcode, city, oin, peppol_id, billing_email)
values
  ('GM0344', 'Gemeente Utrecht', 'Crediteurenadministratie', 'Postbus 16200', '3500 CE', 'Utrecht',
   '00000001002220647000', '0190:00000001002220647000', 'facturen@example.nl'),
  ('GM0473', 'Gemeente Zandvoort', null, 'Postbus 2', '2040 AA', 'Zandvoort',
   '00000001001234567000', null, 'facturen@example.nl'),
  ('PV27', 'Provincie Noord-Holland', 'Financiële administratie', 'Postbus 3007', '2001 DA', 'Haarlem',
   '00000001002345678000', '0190:00000001002345678000', 'facturen@example.nl'),
  ('GM0599', 'Gemeente Rotterdam', null, 'Postbus 70012', '3000 KP', 'Rotterdam',
   '00000001003456789000', null, 'facturen@example.nl'),
  ('GM0796', 'Gemeente ''s-Hertogenbosch', null, 'Postbus 12345', '5200 GZ', '''s-Hertogenbosch',
   '00000001004567890000', null, 'facturen@example.nl');

-- Two demo registrations show the states an invoice can wait in: Daan's order number is to
-- follow; Pieter gave a cost centre as the province's reference.
update public.registrations set purchase_order_pending = true where email = 'daan.mulder@example.nl';
update public.registrations set cost_centre = 'Kostenplaats 7310' where email = 'pieter.bakker@example.nl';

-- Live sessions: join codes people type in the room, walk-ins allowed in the demo, and the
-- design technique each working block of the 2019 agenda uses.
insert into public.live_sessions (session_id, join_code, walk_ins_allowed) values
  ('00000000-0000-4000-8000-000000000201', 'ZVRT26', true),
  ('00000000-0000-4000-8000-000000000202', 'ZVRT29', true);

update public.agenda_items a set template_id = t.id, silent_writing = x.silent
from (values
    ('00000000-0000-4000-8000-000000000201', 'Onderling uitwisselen van ervaringen, best practices en verbeterpunten', 'ervaringen-uitwisselen', false),
    ('00000000-0000-4000-8000-000000000201', 'Samen aan de slag – de ontwerpvraag scherp krijgen', 'ontwerpvraag', true),
    ('00000000-0000-4000-8000-000000000201', 'Samen aan de slag – vervolg', 'dot-voting', false),
    ('00000000-0000-4000-8000-000000000202', 'Uitwisselen van nieuwe ervaringen, best practices en verbeterpunten sinds vorige sessie', 'ervaringen-uitwisselen', false),
    ('00000000-0000-4000-8000-000000000202', 'Werken aan oplossingen voor de uitdagingen (ideation)', 'brainwriting', true),
    ('00000000-0000-4000-8000-000000000202', 'Werken aan oplossingen voor ontwerpvraag #2 (ideation) – vervolg', 'dot-voting', false),
    ('00000000-0000-4000-8000-000000000202', 'Handvatten voor een aanpak om in de eigen organisatie/context verder te gaan', 'actieplan', false)
  ) as x(session_id, title, template, silent)
join public.canvas_templates t on t.slug = x.template
where a.session_id = x.session_id::uuid and a.title = x.title;
