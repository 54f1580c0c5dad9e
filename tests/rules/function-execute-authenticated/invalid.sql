create function public.a() returns int language sql security definer set search_path = '' as $$ select 1 $$; -- expect: function-execute-authenticated
-- Revoking from PUBLIC and anon leaves Supabase's default grant to authenticated.
create function public.b() returns int language sql security definer set search_path = '' as $$ select 1 $$; -- expect: function-execute-authenticated
revoke execute on function public.b() from public, anon;
-- Revoked, then granted back.
create function public.c(p_id uuid) returns int language sql security definer set search_path = '' as $$ select 1 $$;
revoke execute on function public.c(uuid) from public, anon, authenticated;
grant execute on function public.c(uuid) to authenticated; -- expect: function-execute-authenticated
-- Made SECURITY DEFINER by ALTER FUNCTION.
create function public.d() returns int language sql set search_path = '' as $$ select 1 $$;
alter function public.d() security definer; -- expect: function-execute-authenticated
