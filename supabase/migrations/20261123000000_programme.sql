-- The programme: an event (one edition of a community of practice), its sessions, each
-- session's agenda, and the themes participants work on. Nothing here is specific to one
-- edition; the 2019 programme is seed data (supabase/seed.sql).

create table public.events (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  status text not null default 'draft'
    check (status in ('draft', 'published', 'archived')),
  title text not null check (length(title) between 1 and 200),
  -- The study or programme the event belongs to, shown above the title.
  series_title text check (length(series_title) <= 200),
  introduction text not null default '',
  -- How the sessions work (introduction per theme, then design techniques).
  approach text not null default '',
  audience text not null default '',
  -- Price per participant for all sessions together, excluding VAT, in euro-cents.
  fee_cents integer not null check (fee_cents >= 0),
  -- VAT rate in basis points: 2100 is 21 %.
  vat_rate_bp integer not null default 2100 check (vat_rate_bp between 0 and 10000),
  contact_name text,
  contact_phone text,
  contact_email text check (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  partner_name text,
  partner_description text,
  publication_note text,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'published' or published_at is not null)
);

comment on table public.events is 'One edition of a community of practice: its public programme text and fee.';

create table public.event_sessions (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  position smallint not null check (position > 0),
  title text not null check (length(title) between 1 and 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- A venue may still be unknown ("locatie volgt"): all venue fields null.
  venue_name text,
  venue_address text,
  venue_city text,
  unique (event_id, position),
  check (ends_at > starts_at)
);

comment on table public.event_sessions is 'A dated gathering of an event (an ontwerpsessie).';

create table public.agenda_items (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.event_sessions (id) on delete cascade,
  position smallint not null check (position > 0),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  title text not null check (length(title) between 1 and 300),
  -- plenary: everyone together; breakout: groups work on their theme canvas; break: pause.
  kind text not null default 'plenary' check (kind in ('plenary', 'breakout', 'break')),
  unique (session_id, position),
  check (ends_at > starts_at)
);

comment on table public.agenda_items is 'A timeboxed item of a session''s agenda.';

create table public.themes (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  position smallint not null check (position > 0),
  title text not null check (length(title) between 1 and 300),
  description text not null default '',
  unique (event_id, position)
);

comment on table public.themes is 'A theme (thema) of an event; each gets its own canvas in a session.';

create index event_sessions_event_id_idx on public.event_sessions (event_id);
create index agenda_items_session_id_idx on public.agenda_items (session_id);
create index themes_event_id_idx on public.themes (event_id);

create function public.touch_updated_at() returns trigger
  language plpgsql
  set search_path = ''
  as $$
  begin
    new.updated_at := now();
    return new;
  end
  $$;

create trigger events_touch_updated_at
  before update on public.events
  for each row execute function public.touch_updated_at();

-- Row-level security: deny by default. The only thing anyone may read without signing in is
-- a published programme. Nobody writes through the API roles; the app writes as the
-- database owner.
alter table public.events enable row level security;
alter table public.event_sessions enable row level security;
alter table public.agenda_items enable row level security;
alter table public.themes enable row level security;

create policy "published events are public"
  on public.events for select
  to anon, authenticated
  using (status = 'published');

create policy "sessions of published events are public"
  on public.event_sessions for select
  to anon, authenticated
  using (exists (
    select 1 from public.events e
    where e.id = event_sessions.event_id and e.status = 'published'
  ));

create policy "agendas of published events are public"
  on public.agenda_items for select
  to anon, authenticated
  using (exists (
    select 1
    from public.event_sessions s
    join public.events e on e.id = s.event_id
    where s.id = agenda_items.session_id and e.status = 'published'
  ));

create policy "themes of published events are public"
  on public.themes for select
  to anon, authenticated
  using (exists (
    select 1 from public.events e
    where e.id = themes.event_id and e.status = 'published'
  ));
