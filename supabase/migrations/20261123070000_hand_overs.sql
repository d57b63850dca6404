-- A hand-over (vervanging) passes a place to a colleague. What the person who left did in a live
-- session stays theirs: their participant row is marked handed over and keeps their name, notes'
-- group, votes and take-away, but no longer belongs to the place. The colleague joins as a
-- participant of their own; they do not see, export or withdraw the other's take-away, and the
-- place's consent to be named counts for whoever holds it now, never for the other.

alter table public.session_participants add column handed_over_at timestamptz;

comment on column public.session_participants.handed_over_at is
  'When the registration passed to a colleague; the row stays with the person who took part, apart from the place.';

-- One current participant per place and session; handed-over rows stand beside it.
alter table public.session_participants drop constraint session_participants_session_id_registration_id_key;
create unique index session_participants_place_key on public.session_participants (session_id, registration_id)
  where handed_over_at is null;
