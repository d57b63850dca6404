-- Running a session live: the facilitator's agenda state, who joined, their theme groups, the
-- canvas locks, dot votes, take-aways and the canvas snapshot each session leaves behind.
-- Design techniques are data (canvas_templates), placed onto a theme canvas per agenda item.
-- Only the app's server reads and writes these tables (RLS on, no policies).

create table public.canvas_templates (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null check (length(name) between 1 and 120),
  description text not null default '' check (length(description) <= 1000),
  -- What the template draws: a prompt and its columns, optionally dot votes per person.
  -- Shape checked by the app (src/lib/live/template-spec.ts) before it is written.
  layout jsonb not null check (jsonb_typeof(layout) = 'object'),
  built_in boolean not null default false,
  created_by text,
  created_at timestamptz not null default now()
);

comment on table public.canvas_templates is 'A design technique (werkvorm) that a facilitator places onto a theme canvas.';

alter table public.agenda_items
  -- "Eerst zelf nadenken": during this item everyone sees only their own new notes until revealed.
  add column silent_writing boolean not null default false,
  add column template_id uuid references public.canvas_templates (id) on delete set null,
  -- A plenary item about one theme (an introduction, a presentation of a group's results).
  add column theme_id uuid references public.themes (id) on delete set null;

-- open: everyone in the session edits; template: notes yes, the technique's frames and headings
-- no; read-only: only facilitators change anything (presentations, after the session).
alter table public.canvases
  add column lock text not null default 'open' check (lock in ('open', 'template', 'read-only'));

create table public.live_sessions (
  session_id uuid primary key references public.event_sessions (id) on delete cascade,
  -- Typed by people in a room: no 0/O, 1/I/L.
  join_code text not null unique check (join_code ~ '^[A-HJKMNP-Z2-9]{6}$'),
  walk_ins_allowed boolean not null default false,
  status text not null default 'not-started' check (status in ('not-started', 'running', 'paused', 'ended')),
  current_item_id uuid references public.agenda_items (id) on delete set null,
  -- Running: the timebox ends at deadline. Paused: remaining_ms is what is left.
  deadline timestamptz,
  remaining_ms integer check (remaining_ms >= 0),
  breakout_mode text not null default 'assigned' check (breakout_mode in ('choose', 'assigned')),
  follow_theme_id uuid references public.themes (id) on delete set null,
  follow_bounds jsonb,
  silent_revealed boolean not null default false,
  hide_cursors boolean not null default false,
  -- Dot voting is open for this agenda item.
  voting_item_id uuid references public.agenda_items (id) on delete set null,
  votes_per_person smallint not null default 3 check (votes_per_person between 1 and 20),
  chime boolean not null default true,
  started_at timestamptz,
  ended_at timestamptz,
  version bigint not null default 0,
  updated_at timestamptz not null default now(),
  check (status <> 'running' or deadline is not null),
  check (status <> 'paused' or remaining_ms is not null)
);

comment on table public.live_sessions is 'The running state of a session: current agenda item, timer, breakouts, follow, silent writing, voting.';

-- The agenda as it actually ran (planned versus actual times for the report).
create table public.agenda_item_runs (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  item_id uuid references public.agenda_items (id) on delete set null,
  item_title text not null,
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  check (ended_at is null or ended_at >= started_at)
);

create index agenda_item_runs_session_idx on public.agenda_item_runs (session_id, started_at);

create table public.session_participants (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  -- Null for a walk-in (joined with name and organisation, with the organizer's permission).
  registration_id uuid references public.registrations (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  organisation_name text not null check (length(organisation_name) between 1 and 200),
  theme_id uuid references public.themes (id) on delete set null,
  -- "Ik ben klaar" for this agenda item; a new item makes it stale by itself.
  ready_item_id uuid references public.agenda_items (id) on delete set null,
  takeaway text check (length(takeaway) <= 500),
  takeaway_shared boolean not null default false,
  joined_at timestamptz not null default now(),
  unique (session_id, registration_id)
);

create index session_participants_session_idx on public.session_participants (session_id);

-- A participant's browsers: the cookie holds a random token, the database its SHA-256.
create table public.session_participant_devices (
  token_hash bytea primary key,
  participant_id uuid not null references public.session_participants (id) on delete cascade,
  created_at timestamptz not null default now()
);

create index session_participant_devices_participant_idx on public.session_participant_devices (participant_id);

create table public.session_votes (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  item_id uuid not null references public.agenda_items (id) on delete cascade,
  participant_id uuid not null references public.session_participants (id) on delete cascade,
  canvas_id uuid not null references public.canvases (id) on delete cascade,
  note_id text not null check (note_id ~ '^shape:[A-Za-z0-9_-]{1,64}$'),
  created_at timestamptz not null default now()
);

create index session_votes_item_idx on public.session_votes (item_id, canvas_id);
create index session_votes_participant_idx on public.session_votes (participant_id);

-- What each theme canvas looked like when a session ended (read-only, for the next session's
-- look back and the report).
create table public.canvas_session_snapshots (
  canvas_id uuid not null references public.canvases (id) on delete cascade,
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  state bytea not null,
  taken_at timestamptz not null default now(),
  primary key (canvas_id, session_id)
);

alter table public.canvas_templates enable row level security;
alter table public.live_sessions enable row level security;
alter table public.agenda_item_runs enable row level security;
alter table public.session_participants enable row level security;
alter table public.session_participant_devices enable row level security;
alter table public.session_votes enable row level security;
alter table public.canvas_session_snapshots enable row level security;

-- The design techniques of the 2019 programme (see ../shared/BRIEF.md), in Dutch.
insert into public.canvas_templates (slug, name, description, layout, built_in) values
  ('ervaringen-uitwisselen', 'Ervaringen uitwisselen',
   'Tops, tips en verbeterpunten: wat werkt, wat raad je een ander aan, wat kan beter?',
   '{"prompt": "Ervaringen uitwisselen: wat werkt, wat raad je aan, wat kan beter?", "columns": [{"heading": "Tops", "hint": "Wat werkt goed?"}, {"heading": "Tips", "hint": "Wat zou je een ander aanraden?"}, {"heading": "Verbeterpunten", "hint": "Wat kan beter?"}], "votesPerPerson": null}', true),
  ('ontwerpvraag', 'Ontwerpvraag scherp krijgen',
   'Van uitdaging naar één ontwerpvraag in de vorm "Hoe kunnen wij … zodat …?".',
   '{"prompt": "Hoe kunnen wij … zodat …?", "columns": [{"heading": "Hoe kunnen wij …", "hint": "Wat willen we veranderen of bereiken?"}, {"heading": "… zodat …", "hint": "Voor wie, en met welk effect?"}, {"heading": "Onze ontwerpvraag", "hint": "Eén zin waar de hele groep achter staat."}], "votesPerPerson": null}', true),
  ('brainwriting', 'Ideation: brainwriting',
   'Eerst in stilte zo veel mogelijk ideeën, één per notitie; daarna voortbouwen op die van een ander.',
   '{"prompt": "Brainwriting: schrijf in stilte zo veel mogelijk ideeën op, één per notitie.", "columns": [{"heading": "Ronde 1", "hint": "Je eigen ideeën"}, {"heading": "Ronde 2", "hint": "Voortbouwen op een idee van een ander"}, {"heading": "Ronde 3", "hint": "Combineren en aanscherpen"}], "votesPerPerson": null}', true),
  ('dot-voting', 'Stemmen met stippen',
   'Iedereen verdeelt een paar stemmen over de ideeën; de uitslag is direct zichtbaar.',
   '{"prompt": "Welke ideeën brengen ons het verst? Verdeel je stemmen.", "columns": [{"heading": "Ideeën", "hint": "Eén idee per notitie"}], "votesPerPerson": 3}', true),
  ('actieplan', 'Handvatten en actieplan',
   'Wat ga je doen in je eigen organisatie, wie doet het en wanneer?',
   '{"prompt": "Handvatten: hoe ga je verder in je eigen organisatie?", "columns": [{"heading": "Wat", "hint": "Welke stap zet je?"}, {"heading": "Wie", "hint": "Wie is ervoor nodig?"}, {"heading": "Wanneer", "hint": "Wanneer is het gedaan?"}], "votesPerPerson": null}', true);
