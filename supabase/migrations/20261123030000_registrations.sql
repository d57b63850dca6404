-- Sign-up and its administration: the organisations that can sign up, registrations with their
-- invoice details, the waiting list, the mail outbox, staff and their sign-in, and the audit log.
-- Everything here holds personal data or controls access: RLS is on and there are no policies,
-- so `anon` and `authenticated` (the roles Supabase's API uses) can neither read nor write it.
-- The app reaches these tables as the table owner over its own connection.

-- Reference data: every Dutch gemeente and provincie by its CBS code. Codes are never reused
-- nor deleted: a municipal merger ends the old codes (`valid_until`) and adds the new one, so a
-- registration of 2019 still names the organisation it was made for.
create table public.organisations (
  code text primary key check (code ~ '^(GM[0-9]{4}|PV[0-9]{2})$'),
  kind text not null check (kind in ('gemeente', 'provincie')),
  name text not null check (length(name) between 1 and 200),
  province_code text references public.organisations (code),
  -- First and last calendar year (1 January) of the CBS indeling the code belongs to.
  valid_from smallint not null,
  valid_until smallint,
  check ((kind = 'gemeente') = (province_code is not null)),
  check (valid_until is null or valid_until >= valid_from)
);

comment on table public.organisations is 'CBS gemeenten and provincies; codes stay stable across municipal mergers.';

-- Capacity of an event. Null capacity: no limit. The cap per organisation spreads places over
-- many gemeenten until a date, after which the remaining places are open to anyone.
alter table public.events
  add column capacity integer check (capacity > 0),
  add column organisation_cap integer check (organisation_cap > 0),
  add column organisation_cap_until timestamptz,
  add column registration_closes_at timestamptz,
  -- Personal data of participants is anonymised this many days after the last session.
  add column retention_days integer not null default 365 check (retention_days between 0 and 3650);

create table public.registrations (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete restrict,
  -- confirmed: has a place; waitlisted: waits for one; cancelled: gave it up (or was cancelled).
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  -- Registrations made together (a coordinator signing up colleagues) share a batch.
  batch_id uuid not null,
  -- Order on the waiting list and of sign-up: a sequence, so it never collides.
  sequence bigint generated always as identity,
  name text not null check (length(name) between 1 and 200),
  email text not null check (length(email) <= 254),
  phone text check (length(phone) <= 40),
  job_title text not null check (length(job_title) <= 200),
  organisation_code text references public.organisations (code),
  -- Free text for "andere overheidsorganisatie"; exactly one of code and other is set.
  organisation_other text check (length(organisation_other) <= 200),
  -- The organisation's name as it was at sign-up: for lists, exports and later invoices.
  organisation_name text not null check (length(organisation_name) <= 200),
  has_innovation_scheme text not null check (has_innovation_scheme in ('ja', 'nee', 'weet-niet')),
  needs text check (length(needs) <= 2000),
  billing_name text not null check (length(billing_name) <= 200),
  billing_department text check (length(billing_department) <= 200),
  billing_street text not null check (length(billing_street) <= 200),
  billing_postcode text not null check (billing_postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
  billing_city text not null check (length(billing_city) <= 100),
  billing_email text not null check (length(billing_email) <= 254),
  purchase_order text check (length(purchase_order) <= 100),
  billing_reference text check (length(billing_reference) <= 100),
  cost_centre text check (length(cost_centre) <= 100),
  privacy_consent_at timestamptz not null,
  participant_list_consent boolean not null default false,
  -- The secret in the participant's personal link. Kept (as pretix keeps its order secrets) so
  -- that every later mail — a place came free, a colleague took over — can carry the link and a
  -- lost link can be sent again; only the participant's own inbox ever receives it.
  access_token text not null unique check (access_token ~ '^[A-Za-z0-9_-]{43}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  anonymised_at timestamptz,
  check ((organisation_code is null) <> (organisation_other is null))
);

comment on table public.registrations is 'A participant signed up for an event, with the invoice details of their organisation.';

-- The same person cannot hold two live registrations for one event.
create unique index registrations_one_per_email
  on public.registrations (event_id, lower(email))
  where status <> 'cancelled';
create index registrations_event_status_idx on public.registrations (event_id, status, sequence);
create index registrations_organisation_idx on public.registrations (event_id, organisation_code);

-- Which sessions a participant attends, and whether they were checked in at the door.
create table public.registration_sessions (
  registration_id uuid not null references public.registrations (id) on delete cascade,
  session_id uuid not null references public.event_sessions (id) on delete restrict,
  checked_in_at timestamptz,
  checked_in_by text,
  primary key (registration_id, session_id)
);

create index registration_sessions_session_idx on public.registration_sessions (session_id);

-- The last line of defence against overbooking, whatever code path confirms a registration:
-- it takes the event's row lock (so confirmations of one event run one at a time) and counts.
create function public.registrations_guard_capacity() returns trigger
language plpgsql as $$
declare
  event_capacity integer;
  taken integer;
begin
  if new.status <> 'confirmed' or (tg_op = 'UPDATE' and old.status = 'confirmed') then
    return new;
  end if;
  select capacity into event_capacity from public.events where id = new.event_id for update;
  if event_capacity is null then
    return new;
  end if;
  select count(*) into taken from public.registrations
    where event_id = new.event_id and status = 'confirmed' and id <> new.id;
  if taken >= event_capacity then
    raise exception 'event % is full (% of % places taken)', new.event_id, taken, event_capacity
      using errcode = 'check_violation', constraint = 'registrations_capacity';
  end if;
  return new;
end;
$$;

create trigger registrations_guard_capacity
  before insert or update of status on public.registrations
  for each row execute function public.registrations_guard_capacity();

-- Mail to be sent, written in the same transaction as whatever caused it; a worker sends it.
create table public.outbox (
  id bigint generated always as identity primary key,
  kind text not null check (length(kind) <= 60),
  recipient text not null check (length(recipient) <= 254),
  subject text not null check (length(subject) <= 300),
  text_body text not null,
  html_body text,
  -- [{ filename, contentType, content (base64) }]
  attachments jsonb not null default '[]'::jsonb check (jsonb_typeof(attachments) = 'array'),
  registration_id uuid references public.registrations (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);

create index outbox_due_idx on public.outbox (next_attempt_at) where status = 'pending';
create index outbox_registration_idx on public.outbox (registration_id);

-- Who is staff. The first organizer comes from ORGANIZER_EMAILS (or `npm run staff:add`).
create table public.staff (
  email text primary key check (email = lower(email) and length(email) <= 254),
  name text check (length(name) <= 200),
  role text not null check (role in ('organizer', 'facilitator')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);

-- One-time sign-in codes of the app's own sign-in (when Supabase Auth is not configured).
create table public.staff_sign_in_codes (
  id uuid primary key default gen_random_uuid(),
  email text not null check (length(email) <= 254),
  code_hash bytea not null,
  expires_at timestamptz not null,
  failed_attempts integer not null default 0,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create index staff_sign_in_codes_email_idx on public.staff_sign_in_codes (email, created_at desc);

-- Signed-in staff: the cookie holds a secret whose SHA-256 is the key.
create table public.staff_sessions (
  token_hash bytea primary key,
  email text not null references public.staff (email) on delete cascade on update cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);

create index staff_sessions_email_idx on public.staff_sessions (email);

-- Who changed what, when. Append-only for the app; never holds more personal data than needed.
create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  -- A staff e-mail, 'deelnemer' (via the personal link) or 'systeem'.
  actor text not null check (length(actor) <= 254),
  action text not null check (length(action) <= 60),
  event_id uuid references public.events (id) on delete cascade,
  registration_id uuid references public.registrations (id) on delete set null,
  details jsonb not null default '{}'::jsonb
);

create index audit_log_registration_idx on public.audit_log (registration_id, at);
create index audit_log_event_idx on public.audit_log (event_id, at desc);

alter table public.organisations enable row level security;
alter table public.registrations enable row level security;
alter table public.registration_sessions enable row level security;
alter table public.outbox enable row level security;
alter table public.staff enable row level security;
alter table public.staff_sign_in_codes enable row level security;
alter table public.staff_sessions enable row level security;
alter table public.audit_log enable row level security;

-- The list of gemeenten and provincies is public information: anyone may read it.
create policy organisations_read on public.organisations for select to anon, authenticated using (true);

-- The organizer's desk has fixed pages beside the events (/beheer/<slug>): no event may take
-- their names.
alter table public.events add constraint events_slug_not_reserved
  check (slug not in ('inchecken', 'e-mail', 'logboek', 'team', 'inloggen', 'uitloggen'));
