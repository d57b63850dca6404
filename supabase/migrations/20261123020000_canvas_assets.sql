-- Images placed on a live canvas. The canvas document (a Yjs CRDT, shared over a websocket with
-- a 2 MiB frame limit) holds only the image's URL; the bytes are stored here, once. The app
-- checks type, size and the file's real type before it stores; the checks below are the last
-- line of defence, not the first. Only the app's server reads and writes this table.

create table public.canvas_assets (
  id uuid primary key default gen_random_uuid(),
  canvas_id uuid not null references public.canvases (id) on delete cascade,
  -- No SVG: an SVG is a document that can carry scripts.
  content_type text not null
    check (content_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  -- At most 10 MiB (MAX_IMAGE_BYTES in src/lib/canvas/asset-rules.ts).
  byte_size integer not null check (byte_size > 0 and byte_size <= 10485760),
  -- Hex SHA-256 of data: to find copies of one file and to check the bytes are intact.
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  data bytea not null,
  created_at timestamptz not null default now(),
  -- Who uploaded it, as the room token names them ('visitor:<uuid>'); never shown to others.
  created_by text not null check (created_by <> ''),
  check (octet_length(data) = byte_size)
);

-- Images are compressed already: store them out of line without trying to compress them again.
alter table public.canvas_assets alter column data set storage external;

create index canvas_assets_canvas_id_idx on public.canvas_assets (canvas_id);

comment on table public.canvas_assets is 'Images on a canvas (PNG, JPEG, GIF, WebP; at most 10 MiB), served by the app.';

-- Deny by default: no policy, so the API roles can neither read nor write images. Participants
-- reach them only through the app, which checks access to the canvas.
alter table public.canvas_assets enable row level security;
