-- supalint's Supabase stand-in: the part of a Supabase database that
-- application migrations build on, for `supalint verify` on a plain
-- PostgreSQL (15 or later). It is not Supabase: no services run, and only the
-- objects migrations commonly reference exist, with Supabase's names, column
-- types and grants:
--
--   roles       anon, authenticated, service_role, authenticator, and the
--               supabase_* / dashboard_user roles that grants name
--   extensions  schema `extensions` with uuid-ossp and pgcrypto, on the
--               database's search_path as in Supabase ("$user", public, extensions)
--   auth        users, identities, sessions, mfa_factors; uid(), jwt(), role(), email()
--   storage     buckets, objects (row level security on); foldername(),
--               filename(), extension(), operation(), allow_only_operation(),
--               allow_any_operation()
--   realtime    the `supabase_realtime` publication (no tables); messages
--               (row level security on), topic(), send(), broadcast_changes()
--
-- Every statement is guarded, so installing it twice, or into a database
-- whose server already has these roles, changes nothing. Add what your own
-- migrations need with `supalint verify --base FILE`.

-- Roles -----------------------------------------------------------------------

do $standin$
declare
    spec record;
begin
    for spec in
        select * from (values
            ('anon', 'nologin noinherit'),
            ('authenticated', 'nologin noinherit'),
            ('service_role', 'nologin noinherit bypassrls'),
            ('authenticator', 'login noinherit'),
            ('dashboard_user', 'nologin createrole createdb replication'),
            ('supabase_admin', 'nologin createrole createdb replication bypassrls'),
            ('supabase_auth_admin', 'nologin noinherit createrole'),
            ('supabase_storage_admin', 'nologin noinherit createrole'),
            ('supabase_functions_admin', 'nologin noinherit createrole'),
            ('supabase_realtime_admin', 'nologin noinherit')
        ) as roles (name, options)
    loop
        if not exists (select from pg_catalog.pg_roles where rolname = spec.name) then
            execute format('create role %I %s', spec.name, spec.options);
        end if;
    end loop;
end
$standin$;

grant anon, authenticated, service_role to authenticator;

-- Extensions ------------------------------------------------------------------

create schema if not exists extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;

do $standin$
begin
    execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end
$standin$;

-- The public schema, with Supabase's default privileges: the API roles get
-- access to what migrations create, and migrations revoke what they must.

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

create schema if not exists graphql_public;
grant usage on schema graphql_public to anon, authenticated, service_role;

-- auth ------------------------------------------------------------------------

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role, dashboard_user;

create table if not exists auth.users (
    instance_id uuid,
    id uuid not null primary key,
    aud varchar(255),
    role varchar(255),
    email varchar(255),
    encrypted_password varchar(255),
    email_confirmed_at timestamptz,
    invited_at timestamptz,
    confirmation_token varchar(255),
    confirmation_sent_at timestamptz,
    recovery_token varchar(255),
    recovery_sent_at timestamptz,
    email_change_token_new varchar(255),
    email_change varchar(255),
    email_change_sent_at timestamptz,
    last_sign_in_at timestamptz,
    raw_app_meta_data jsonb,
    raw_user_meta_data jsonb,
    is_super_admin boolean,
    created_at timestamptz,
    updated_at timestamptz,
    phone text unique default null,
    phone_confirmed_at timestamptz,
    phone_change text default '',
    phone_change_token varchar(255) default '',
    phone_change_sent_at timestamptz,
    confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
    email_change_token_current varchar(255) default '',
    email_change_confirm_status smallint default 0,
    banned_until timestamptz,
    reauthentication_token varchar(255) default '',
    reauthentication_sent_at timestamptz,
    is_sso_user boolean not null default false,
    deleted_at timestamptz,
    is_anonymous boolean not null default false
);

create table if not exists auth.identities (
    provider_id text not null,
    user_id uuid not null references auth.users (id) on delete cascade,
    identity_data jsonb not null,
    provider text not null,
    last_sign_in_at timestamptz,
    created_at timestamptz,
    updated_at timestamptz,
    email text generated always as (lower(identity_data ->> 'email')) stored,
    id uuid not null default gen_random_uuid() primary key,
    unique (provider_id, provider)
);

create table if not exists auth.sessions (
    id uuid not null primary key,
    user_id uuid not null references auth.users (id) on delete cascade,
    created_at timestamptz,
    updated_at timestamptz,
    factor_id uuid,
    aal text,
    not_after timestamptz,
    refreshed_at timestamp,
    user_agent text,
    ip inet,
    tag text
);

create table if not exists auth.mfa_factors (
    id uuid not null primary key,
    user_id uuid not null references auth.users (id) on delete cascade,
    friendly_name text,
    factor_type text not null,
    status text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    secret text,
    phone text,
    last_challenged_at timestamptz
);

-- The request's JWT claims, as PostgREST sets them (`request.jwt.claims`),
-- or the older one-setting-per-claim form.
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role(), auth.email() to anon, authenticated, service_role;

-- storage ---------------------------------------------------------------------

create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;

create table if not exists storage.buckets (
    id text not null primary key,
    name text not null,
    owner uuid,
    created_at timestamptz default now(),
    updated_at timestamptz default now(),
    public boolean default false,
    avif_autodetection boolean default false,
    file_size_limit bigint,
    allowed_mime_types text[],
    owner_id text
);
create unique index if not exists bname on storage.buckets using btree (name);

create table if not exists storage.objects (
    id uuid not null default gen_random_uuid() primary key,
    bucket_id text references storage.buckets (id),
    name text,
    owner uuid,
    created_at timestamptz default now(),
    updated_at timestamptz default now(),
    last_accessed_at timestamptz default now(),
    metadata jsonb,
    path_tokens text[] generated always as (string_to_array(name, '/')) stored,
    version text,
    owner_id text,
    user_metadata jsonb
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects using btree (name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

-- `storage.foldername('a/b/c.png')` is `{a,b}`: the folders of an object name.
create or replace function storage.foldername(name text) returns text[]
language plpgsql immutable
as $$
declare
    _parts text[];
begin
    select string_to_array(name, '/') into _parts;
    return _parts[1:array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text) returns text
language plpgsql immutable
as $$
declare
    _parts text[];
begin
    select string_to_array(name, '/') into _parts;
    return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text) returns text
language plpgsql immutable
as $$
declare
    _parts text[];
    _filename text;
begin
    select string_to_array(name, '/') into _parts;
    select _parts[array_length(_parts, 1)] into _filename;
    return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

-- The operation the Storage API is performing (`object.get`, …), which
-- operation-aware policies test.
create or replace function storage.operation() returns text
language sql stable
as $$
    select nullif(current_setting('storage.operation', true), '')
$$;

create or replace function storage.allow_only_operation(expected_operation text) returns boolean
language sql stable
as $$
    select coalesce(
        regexp_replace(storage.operation(), '^storage\.', '') = regexp_replace(expected_operation, '^storage\.', ''),
        false
    )
$$;

create or replace function storage.allow_any_operation(expected_operations text[]) returns boolean
language sql stable
as $$
    select exists (
        select from unnest(expected_operations) as expected (operation)
         where storage.allow_only_operation(expected.operation)
    )
$$;

grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text),
    storage.operation(), storage.allow_only_operation(text), storage.allow_any_operation(text[])
    to anon, authenticated, service_role;

-- realtime --------------------------------------------------------------------

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

-- Broadcast and presence messages; their policies authorize private channels.
create table if not exists realtime.messages (
    topic text not null,
    extension text not null,
    payload jsonb,
    event text,
    private boolean default false,
    updated_at timestamp not null default now(),
    inserted_at timestamp not null default now(),
    id uuid not null default gen_random_uuid(),
    primary key (id, inserted_at)
);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;

-- The channel topic of the request being authorized.
create or replace function realtime.topic() returns text
language sql stable
as $$
    select nullif(current_setting('realtime.topic', true), '')
$$;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
language sql
as $$
    insert into realtime.messages (payload, event, topic, private, extension)
    values (payload, event, topic, private, 'broadcast')
$$;

create or replace function realtime.broadcast_changes(
    topic_name text,
    event_name text,
    operation text,
    table_name text,
    table_schema text,
    new record,
    old record,
    level text default 'ROW'
) returns void
language plpgsql
as $$
begin
    perform realtime.send(
        jsonb_build_object(
            'operation', operation,
            'table', table_name,
            'schema', table_schema,
            'record', case when new is null then null else to_jsonb(new) end,
            'old_record', case when old is null then null else to_jsonb(old) end
        ),
        event_name,
        topic_name,
        true
    );
end
$$;

grant execute on function realtime.topic(), realtime.send(jsonb, text, text, boolean),
    realtime.broadcast_changes(text, text, text, text, text, record, record, text)
    to anon, authenticated, service_role;

do $standin$
begin
    if not exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
        create publication supabase_realtime;
    end if;
end
$standin$;
