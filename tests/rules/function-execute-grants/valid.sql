create function public.a() returns int language sql security definer set search_path = '' as $$ select 1 $$;
revoke execute on function public.a() from public, anon;
grant execute on function public.a() to authenticated;
-- Trigger functions cannot be called directly.
create function public.on_signup() returns trigger language plpgsql security definer set search_path = '' as $$ begin return new; end $$;
create function private.x() returns int language sql security definer set search_path = '' as $$ select 1 $$;
create function public.overloaded(n int) returns int language sql security definer set search_path = '' as $$ select n $$;
revoke all on function public.overloaded(integer) from public, anon;
create function public.bulk() returns int language sql security definer set search_path = '' as $$ select 1 $$;
revoke execute on all functions in schema public from public, anon;
-- The global default takes PUBLIC's EXECUTE; the per-schema one takes anon's.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon;
create function public.after_defaults() returns int language sql security definer set search_path = '' as $$ select 1 $$;
-- Not SECURITY DEFINER.
create function public.invoker() returns int language sql set search_path = '' as $$ select 1 $$;
grant execute on function public.invoker() to anon;
