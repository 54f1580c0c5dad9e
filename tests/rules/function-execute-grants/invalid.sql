create function public.a() returns int language sql security definer set search_path = '' as $$ select 1 $$; -- expect: function-execute-grants
-- Revoking from PUBLIC leaves Supabase's default grant to anon.
create function public.b() returns int language sql security definer set search_path = '' as $$ select 1 $$; -- expect: function-execute-grants
revoke execute on function public.b() from public;
create function public.c(p_id uuid) returns int language sql security definer set search_path = '' as $$ select 1 $$;
revoke execute on function public.c(uuid) from public, anon;
grant execute on function public.c(uuid) to authenticated, anon; -- expect: function-execute-grants
