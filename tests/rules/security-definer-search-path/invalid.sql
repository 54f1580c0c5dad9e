create function public.a() returns int language sql security definer as $$ select 1 $$; -- expect: security-definer-search-path
create function public.b() returns int language sql security definer set search_path = public as $$ select 1 $$; -- expect: security-definer-search-path
create function private.c() returns trigger language plpgsql security definer as $$ begin return new; end $$; -- expect: security-definer-search-path
create function public.d() returns int language sql security definer set search_path from current as $$ select 1 $$; -- expect: security-definer-search-path
create or replace function public.e() returns int language sql security definer set search_path = '' as $$ select 1 $$;
-- CREATE OR REPLACE resets the settings the earlier definition had.
create or replace function public.e() returns int language sql security definer as $$ select 1 $$; -- expect: security-definer-search-path
CREATE PROCEDURE public.p() LANGUAGE sql SECURITY DEFINER BEGIN ATOMIC SELECT 1; END; -- expect: security-definer-search-path
