create extension if not exists citext; -- expect: extension-in-public
create extension if not exists pg_trgm with schema public; -- expect: extension-in-public

-- Moved into `public` after its install.
create extension if not exists hstore with schema extensions;
alter extension hstore set schema public; -- expect: extension-in-public

-- Supabase installs pgcrypto in `extensions`, but dropped first it is installed anew.
drop extension if exists pgcrypto;
create extension pgcrypto; -- expect: extension-in-public
