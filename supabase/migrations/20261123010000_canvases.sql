-- Live canvases: one per theme of an event, carried over from session to session. The
-- document is a Yjs CRDT, stored as an append-only log of updates plus a snapshot that the
-- server compacts the log into. Only the app's server reads and writes these tables.

create table public.canvases (
  id uuid primary key default gen_random_uuid(),
  theme_id uuid not null unique references public.themes (id) on delete cascade,
  -- Sequence number of the last update appended; the row lock taken to bump it orders the log.
  last_seq bigint not null default 0 check (last_seq >= 0),
  created_at timestamptz not null default now()
);

comment on table public.canvases is 'The shared whiteboard of one theme (a Yjs document).';

create table public.canvas_updates (
  canvas_id uuid not null references public.canvases (id) on delete cascade,
  seq bigint not null check (seq > 0),
  update bytea not null,
  created_at timestamptz not null default now(),
  primary key (canvas_id, seq)
);

comment on table public.canvas_updates is 'Yjs updates accepted by the server, in order, not yet folded into the snapshot.';

create table public.canvas_snapshots (
  canvas_id uuid primary key references public.canvases (id) on delete cascade,
  -- The whole document (Y.encodeStateAsUpdate) including every update up to and including seq.
  state bytea not null,
  seq bigint not null check (seq >= 0),
  updated_at timestamptz not null default now()
);

comment on table public.canvas_snapshots is 'The compacted state of a canvas up to a sequence number.';

-- Deny by default: no policy, so the API roles can neither read nor write canvases. Participants
-- reach a canvas only through the app's authenticated websocket.
alter table public.canvases enable row level security;
alter table public.canvas_updates enable row level security;
alter table public.canvas_snapshots enable row level security;
