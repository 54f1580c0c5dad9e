create function public.a() returns int language sql security definer set search_path = '' as $$ select 1 $$;
revoke execute on function public.a() from public, anon, authenticated;
grant execute on function public.a() to service_role;
-- Trigger functions cannot be called directly.
create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end $$;
-- Not a schema the Data API serves.
create function private.x() returns int language sql security definer set search_path = '' as $$ select 1 $$;
-- Not SECURITY DEFINER.
create function public.invoker() returns int language sql set search_path = '' as $$ select 1 $$;
grant execute on function public.invoker() to authenticated;
-- Revoked for every function of the schema at once.
create function public.bulk() returns int language sql security definer set search_path = '' as $$ select 1 $$;
revoke execute on all functions in schema public from public, anon, authenticated;
-- Replaced by a SECURITY INVOKER definition.
create or replace function public.replaced() returns int language sql security definer set search_path = '' as $$ select 1 $$;
create or replace function public.replaced() returns int language sql security invoker set search_path = '' as $$ select 1 $$;
