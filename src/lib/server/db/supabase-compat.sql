-- What a Supabase project provides and a plain PostgreSQL lacks, so that the same
-- migrations (schema, grants, row-level security) run on both. Every part is skipped where
-- it already exists: on Supabase this file changes nothing.
--
-- Roles are cluster-wide, so two databases of one cluster may run this at the same moment
-- (parallel test files do). A concurrent CREATE ROLE or GRANT then fails although the result
-- is there — so each one checks the outcome instead of trusting the error.

do $$
declare
  wanted record;
begin
  for wanted in
    select * from (values
      ('anon', false),
      ('authenticated', false),
      ('service_role', true)
    ) as r(name, bypass_rls)
  loop
    if not exists (select 1 from pg_roles where rolname = wanted.name) then
      begin
        execute format('create role %I nologin noinherit%s', wanted.name,
          case when wanted.bypass_rls then ' bypassrls' else '' end);
      exception when others then
        if not exists (select 1 from pg_roles where rolname = wanted.name) then
          raise;
        end if;
      end;
    end if;
    -- PostgREST switches from its login role into these roles; the connecting role must be a member.
    if not pg_has_role(current_user, wanted.name, 'member') then
      begin
        execute format('grant %I to %I', wanted.name, current_user);
      exception when others then
        if not pg_has_role(current_user, wanted.name, 'member') then
          raise;
        end if;
      end;
    end if;
  end loop;
end
$$;

-- Supabase's auth schema and the helpers RLS policies call. Supabase owns these (as
-- supabase_auth_admin); we only create them where there is no auth schema at all.
do $$
begin
  if exists (select 1 from pg_namespace where nspname = 'auth') then
    return;
  end if;

  create schema auth;
  grant usage on schema auth to anon, authenticated, service_role;

  -- The same meaning as Supabase's: PostgREST puts the verified JWT's claims in
  -- request.jwt.claims (older versions: request.jwt.claim.<name>).
  create function auth.uid() returns uuid
    language sql stable
    as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $fn$;

  create function auth.role() returns text
    language sql stable
    as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $fn$;

  create function auth.jwt() returns jsonb
    language sql stable
    as $fn$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $fn$;

  grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

  -- Supabase grants the API roles everything in the public schema by default and relies on
  -- row-level security to deny. We copy that on purpose: our RLS tests then prove the
  -- policies, not a missing grant.
  grant usage on schema public to anon, authenticated, service_role;
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
end
$$;
