-- Fees and invoices to public bodies: the fee settings of an event, the seller's details, what we
-- know of each buyer, gap-free numbered invoices and credit notes as immutable snapshots, their
-- delivery, payments and reminders.
-- Invoices are bookkeeping records: kept seven years, never changed. Like the registrations they
-- are only for organizers: RLS is on without policies, so `anon` and `authenticated` see nothing.

-- What a place costs and what cancelling costs. The fee itself (`fee_cents`, excluding VAT) and
-- the rate (`vat_rate_bp`) are already on the event.
alter table public.events
  add column vat_mode text not null default 'standard' check (vat_mode in ('standard', 'exempt')),
  -- When exempt, the invoice must say why (the organizer decides the legal ground, not the app).
  add column vat_exemption_text text check (length(vat_exemption_text) between 1 and 300),
  -- Off the fee for every further participant of the same organisation, excluding VAT.
  add column further_participant_discount_cents integer not null default 0
    check (further_participant_discount_cents >= 0),
  -- Cancelling is free up to and including this day (Europe/Amsterdam); null: always free.
  add column free_cancellation_until date,
  -- What a later cancellation costs, excluding VAT; null: the full fee.
  add column cancellation_fee_cents integer check (cancellation_fee_cents >= 0),
  -- How long a quote (offerte) holds.
  add column quote_validity_days integer not null default 30 check (quote_validity_days between 1 and 365),
  -- One invoice per registration, or one per organisation for all its participants.
  add column invoice_grouping text not null default 'registration'
    check (invoice_grouping in ('registration', 'organisation')),
  add constraint events_fee_not_absurd check (fee_cents <= 10000000),
  add constraint events_exemption_has_text check (vat_mode <> 'exempt' or vat_exemption_text is not null),
  add constraint events_discount_within_fee check (further_participant_discount_cents <= fee_cents),
  add constraint events_cancellation_fee_within_fee check (cancellation_fee_cents is null or cancellation_fee_cents <= fee_cents);

-- Facts about a registration that decide what it owes and whether it can be invoiced.
alter table public.registrations
  -- "Ordernummer volgt": the buyer needs a purchase order number on the invoice and will supply
  -- it; the invoice waits until then.
  add column purchase_order_pending boolean not null default false,
  add column purchase_order_reminded_at timestamptz,
  add column cancelled_at timestamptz,
  -- Whether the registration held a place when it was cancelled (a waiting-list cancellation owes nothing).
  add column cancelled_with_place boolean not null default false,
  -- The organizer let this cancellation go without charge.
  add column cancellation_fee_waived boolean not null default false;

-- Registrations cancelled before this migration: when is the best we know, and whether they held
-- a place is unknown, so they are taken to owe nothing.
update public.registrations set cancelled_at = status_changed_at where status = 'cancelled';

alter table public.registrations
  add constraint registrations_order_pending_without_number
    check (not (purchase_order_pending and purchase_order is not null)),
  add constraint registrations_cancelled_at_when_cancelled
    check ((status = 'cancelled') = (cancelled_at is not null));

-- Whatever code path cancels, the facts the fee depends on are recorded the same way.
create function public.registrations_record_cancellation() returns trigger
language plpgsql as $$
begin
  if new.status = 'cancelled' and (tg_op = 'INSERT' or old.status <> 'cancelled') then
    new.cancelled_at := coalesce(new.status_changed_at, now());
    new.cancelled_with_place := tg_op = 'UPDATE' and old.status = 'confirmed';
  elsif new.status <> 'cancelled' then
    new.cancelled_at := null;
    new.cancelled_with_place := false;
    new.cancellation_fee_waived := false;
  end if;
  return new;
end;
$$;

create trigger registrations_record_cancellation
  before insert or update of status on public.registrations
  for each row execute function public.registrations_record_cancellation();

-- The organisation that sends the invoices. One row.
create table public.seller_settings (
  id boolean primary key default true check (id),
  legal_name text not null check (length(legal_name) between 1 and 200),
  street text not null check (length(street) between 1 and 200),
  postcode text not null check (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
  city text not null check (length(city) between 1 and 100),
  kvk text not null check (kvk ~ '^[0-9]{8}$'),
  vat_id text not null check (vat_id ~ '^NL[0-9]{9}B[0-9]{2}$'),
  iban text not null check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$'),
  bic text check (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
  payment_term_days integer not null default 30 check (payment_term_days between 1 and 120),
  invoice_email text not null check (invoice_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (length(phone) <= 40),
  -- The e-invoice specification for buyers that have not chosen one.
  default_ubl_profile text not null default 'nlcius' check (default_ubl_profile in ('nlcius', 'peppol')),
  logo bytea check (octet_length(logo) <= 262144),
  logo_content_type text check (logo_content_type in ('image/png', 'image/jpeg')),
  updated_at timestamptz not null default now(),
  check ((logo is null) = (logo_content_type is null))
);

-- What the organizer knows of a buyer: the official name, address and identifiers of a gemeente,
-- provincie or other public body. When present it is what invoices name; otherwise the invoice
-- details of the registration are used.
create table public.buyer_profiles (
  id uuid primary key default gen_random_uuid(),
  organisation_code text unique references public.organisations (code),
  -- For "andere overheidsorganisatie": the name as participants typed it.
  organisation_other text check (length(organisation_other) between 1 and 200),
  legal_name text not null check (length(legal_name) between 1 and 200),
  department text check (length(department) <= 200),
  street text not null check (length(street) between 1 and 200),
  postcode text not null check (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
  city text not null check (length(city) between 1 and 100),
  kvk text check (kvk ~ '^[0-9]{8}$'),
  oin text check (oin ~ '^[0-9]{20}$'),
  peppol_id text check (peppol_id ~ '^(0190:[0-9]{20}|0106:[0-9]{8})$'),
  billing_email text not null check (billing_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  ubl_profile text check (ubl_profile in ('nlcius', 'peppol')),
  updated_at timestamptz not null default now(),
  check ((organisation_code is null) <> (organisation_other is null))
);

create unique index buyer_profiles_other_idx on public.buyer_profiles (lower(organisation_other))
  where organisation_other is not null;

-- Invoice number series: the row lock on a series serialises issuing, and a rolled-back issue
-- gives its number back, so numbers have no gaps. Invoices and credit notes have their own series.
create table public.invoice_series (
  code text primary key check (code ~ '^C?[0-9]{4}$'),
  kind text not null check (kind in ('invoice', 'credit-note')),
  next_number integer not null default 1 check (next_number > 0),
  check ((kind = 'credit-note') = (code like 'C%'))
);

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete restrict,
  kind text not null check (kind in ('invoice', 'credit-note')),
  series text not null references public.invoice_series (code),
  sequence_number integer not null check (sequence_number > 0),
  number text not null unique check (length(number) <= 30),
  issue_date date not null,
  due_date date not null,
  -- Who is invoiced: the organisation code, or `anders:<name>`; for grouping and overviews.
  buyer_key text not null check (length(buyer_key) <= 220),
  buyer_name text not null check (length(buyer_name) <= 200),
  net_cents bigint not null check (net_cents >= 0),
  vat_cents bigint not null check (vat_cents >= 0),
  gross_cents bigint not null check (gross_cents = net_cents + vat_cents),
  -- A credit note credits exactly one invoice, in full.
  credits_invoice_id uuid references public.invoices (id) on delete restrict,
  -- The snapshot (see invoice-document.ts), the UBL file and the PDF exactly as issued.
  document jsonb not null,
  ubl_xml text not null,
  pdf bytea not null,
  -- The outcome of the XSD and Dutch business-rule checks at issue.
  validation jsonb not null,
  issued_by text not null check (length(issued_by) <= 254),
  created_at timestamptz not null default now(),
  unique (series, sequence_number),
  check ((kind = 'credit-note') = (credits_invoice_id is not null)),
  check (due_date >= issue_date)
);

create unique index invoices_one_credit_note_idx on public.invoices (credits_invoice_id)
  where credits_invoice_id is not null;
create index invoices_event_idx on public.invoices (event_id, issue_date);

-- Issued invoices are snapshots: nothing changes them, and they go only once the bookkeeping
-- term of seven years has passed.
create function public.invoices_immutable() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' and old.issue_date < (current_date - interval '7 years') then
    return old;
  end if;
  raise exception 'invoice % is issued and cannot be changed; issue a credit note instead', old.number
    using errcode = 'integrity_constraint_violation', constraint = 'invoices_immutable';
end;
$$;

create trigger invoices_immutable
  before update or delete on public.invoices
  for each row execute function public.invoices_immutable();

-- Which registrations an invoice covers, and for how much (net, excluding VAT).
create table public.invoice_registrations (
  invoice_id uuid not null references public.invoices (id) on delete cascade,
  registration_id uuid not null references public.registrations (id) on delete restrict,
  net_cents bigint not null,
  primary key (invoice_id, registration_id)
);

create index invoice_registrations_registration_idx on public.invoice_registrations (registration_id);

-- Money received against an invoice; partial payments allowed.
create table public.invoice_payments (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references public.invoices (id) on delete restrict,
  paid_on date not null,
  amount_cents bigint not null check (amount_cents > 0 and amount_cents <= 100000000),
  note text check (length(note) <= 300),
  recorded_by text not null check (length(recorded_by) <= 254),
  -- One per rendering of the payment form: a form sent twice (a double click, a reload) books once.
  request_id uuid unique,
  created_at timestamptz not null default now()
);

create index invoice_payments_invoice_idx on public.invoice_payments (invoice_id);

-- Every time an invoice went out (first delivery, a resend, a payment reminder) and how.
create table public.invoice_deliveries (
  id bigint generated always as identity primary key,
  invoice_id uuid not null references public.invoices (id) on delete cascade,
  purpose text not null check (purpose in ('invoice', 'reminder')),
  channel text not null check (channel in ('email', 'peppol')),
  recipient text not null check (length(recipient) <= 254),
  outbox_id bigint references public.outbox (id) on delete set null,
  created_by text not null check (length(created_by) <= 254),
  created_at timestamptz not null default now()
);

create index invoice_deliveries_invoice_idx on public.invoice_deliveries (invoice_id, created_at);

alter table public.seller_settings enable row level security;
alter table public.buyer_profiles enable row level security;
alter table public.invoice_series enable row level security;
alter table public.invoices enable row level security;
alter table public.invoice_registrations enable row level security;
alter table public.invoice_payments enable row level security;
alter table public.invoice_deliveries enable row level security;

-- The desk's fixed page for seller settings and buyers sits beside the events.
alter table public.events drop constraint events_slug_not_reserved;
alter table public.events add constraint events_slug_not_reserved
  check (slug not in ('inchecken', 'e-mail', 'logboek', 'team', 'inloggen', 'uitloggen', 'facturering', 'debiteuren'));
