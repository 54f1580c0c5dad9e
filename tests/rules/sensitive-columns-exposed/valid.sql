create table public.integrations (id bigint primary key, owner uuid, api_key text);
alter table public.integrations enable row level security;

-- Only the other columns can be read.
create table public.cards (id bigint primary key, card_number text);
revoke all on public.cards from anon, authenticated;
grant select (id) on public.cards to authenticated;

-- Names that only contain a sensitive word.
create table public.sessions (id bigint primary key, token_hint text, password_changed_at timestamptz);

-- Not in an exposed schema.
create schema if not exists private;
create table private.secrets (id bigint primary key, secret text);

-- Renamed further down.
create table public.people (id bigint primary key, ssn text);
alter table public.people rename column ssn to ssn_last_digits;
