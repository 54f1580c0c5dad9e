create table public.profiles (
  id uuid primary key,
  email text not null unique,
  handle text not null
);
create unique index profiles_email_idx on public.profiles (email); -- expect: duplicate-index

-- `asc` and `using btree` are what an index has without them.
create index profiles_handle_idx on public.profiles (handle);
create index profiles_handle_again_idx on public.profiles using btree (handle asc); -- expect: duplicate-index

-- A unique constraint on the primary key's column, added by ALTER TABLE.
alter table public.profiles add constraint profiles_id_key unique (id); -- expect: duplicate-index

-- The same expression and condition.
create index profiles_live_lower_email_idx on public.profiles (lower(email)) where handle <> '';
create index profiles_live_lower_email_2_idx on public.profiles (lower(email)) where handle <> ''; -- expect: duplicate-index
