create function public.a() returns int language sql security definer set search_path = '' as $$ select 1 $$;
create function public.b() returns int language sql security definer set search_path = pg_catalog, pg_temp as $$ select 1 $$;
create function public.c() returns int language sql security definer as $$ select 1 $$;
alter function public.c() set search_path = '';
-- SECURITY INVOKER functions are another rule's concern.
create function public.d() returns int language sql as $$ select 1 $$;
-- Replaced later by a definition that is not SECURITY DEFINER.
create function public.old() returns int language sql security definer as $$ select 1 $$;
create or replace function public.old() returns int language sql set search_path = '' as $$ select 1 $$;
