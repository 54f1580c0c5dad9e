create table public.profiles (
  id uuid primary key,
  email text not null unique,
  handle text not null,
  deleted_at timestamptz
);
-- Not unique, unlike the constraint's index.
create index profiles_email_plain_idx on public.profiles (email);
-- Another method, another order, a condition, other expressions.
create index profiles_handle_idx on public.profiles (handle);
create index profiles_handle_hash_idx on public.profiles using hash (handle);
create index profiles_handle_desc_idx on public.profiles (handle desc);
create index profiles_live_handle_idx on public.profiles (handle) where deleted_at is null;
create index profiles_lower_email_idx on public.profiles (lower(email));
create index profiles_lower_handle_idx on public.profiles (lower(handle));
create index profiles_handle_email_idx on public.profiles (handle, email);

-- One CREATE TABLE makes one index of `unique` and `primary key` on the same column.
create table public.accounts (id uuid unique not null, primary key (id));

-- A unique index that becomes the primary key is the key's index, not a second one.
create table public.events (id uuid not null);
create unique index events_pkey on public.events (id);
alter table public.events add constraint events_pkey primary key using index events_pkey;

-- Dropped further down.
create index profiles_handle_again_idx on public.profiles (handle);
drop index public.profiles_handle_again_idx;
