-- A hand-over (vervanging) passes a place to a colleague. The person who leaves leaves nothing
-- personal behind in live sessions: their participant rows are marked handed over and keep only
-- the organisation and their votes (as counts); name and take-away are cleared, their devices
-- signed out, and the rows drop out of the room's groups and "klaar" count. The
-- colleague joins as a participant of their own, so they inherit no votes, group or take-away, and
-- the place's consent to be named is theirs alone.

alter table public.session_participants add column handed_over_at timestamptz;

comment on column public.session_participants.handed_over_at is
  'When the registration passed to a colleague; the row then keeps only the organisation and the votes.';

-- One current participant per place and session; handed-over rows stand beside it.
alter table public.session_participants drop constraint session_participants_session_id_registration_id_key;
create unique index session_participants_place_key on public.session_participants (session_id, registration_id)
  where handed_over_at is null;
