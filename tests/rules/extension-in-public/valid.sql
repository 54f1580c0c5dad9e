create extension if not exists citext with schema extensions;

-- Supabase installs these in `extensions` already: nothing changes.
create extension if not exists pgcrypto;
create extension if not exists "uuid-ossp";

-- The file's search_path puts it in `extensions`.
set search_path = extensions, public;
create extension if not exists hstore;
reset search_path;

-- Moved out of `public` further down.
create extension if not exists pg_trgm;
alter extension pg_trgm set schema extensions;

-- Dropped further down.
create extension if not exists moddatetime;
drop extension moddatetime;
