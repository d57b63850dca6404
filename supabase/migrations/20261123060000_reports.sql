-- Results that outlive the afternoon: a report per session, generated from the agenda's runs,
-- the canvas snapshots, the votes and the shared take-aways, edited by the organizer and then
-- published. A published report is frozen (`published`): what participants read does not change
-- when a canvas does. The programme's publication brings an event's published reports together.

-- Who may read an event's published reports: its participants (personal link or session device)
-- and staff, or everyone.
alter table public.events
  add column publication_visibility text not null default 'private'
    check (publication_visibility in ('private', 'public'));

create table public.session_reports (
  session_id uuid primary key references public.event_sessions (id) on delete cascade,
  -- The organizer's edits over the generated draft: introduction, per theme the design
  -- questions and a summary, ideas and take-aways left out. Shape checked by the app
  -- (src/lib/reports/report-edits.ts) before it is written.
  edits jsonb not null default '{}' check (jsonb_typeof(edits) = 'object'),
  -- The report as published (src/lib/reports/report-document.ts); null while a draft.
  published jsonb check (published is null or jsonb_typeof(published) = 'object'),
  published_at timestamptz,
  published_by text,
  -- The first publication mails the participants; publishing again after an edit does not.
  announced_at timestamptz,
  updated_at timestamptz not null default now(),
  updated_by text,
  check ((published is null) = (published_at is null))
);

comment on table public.session_reports is 'A session report: the organizer''s edits, and the frozen report once published.';

-- Deny by default. The API roles (PostgREST on Supabase) may read a report only once it is
-- published for an event whose publication is public; drafts, edits of unpublished reports and
-- private publications stay with the app's server, which checks participants' access itself.
alter table public.session_reports enable row level security;

create policy "published reports of public publications are public"
  on public.session_reports for select
  to anon, authenticated
  using (
    published is not null
    and exists (
      select 1
      from public.event_sessions s
      join public.events e on e.id = s.event_id
      where s.id = session_reports.session_id
        -- Published or archived: a past edition's results stay readable.
        and e.status <> 'draft'
        and e.publication_visibility = 'public'
    )
  );

-- What anon may read of a public report is what the report page shows: not the edits, which
-- name left-out ideas and take-aways.
revoke select on public.session_reports from anon, authenticated;
grant select (session_id, published, published_at) on public.session_reports to anon, authenticated;
