grant select on public.notes to anon;
grant all on public.notes to authenticated, service_role;
grant insert on private.jobs to anon;
revoke all on public.notes from anon;
grant execute on function public.f() to anon;
grant usage on schema public to anon;
alter default privileges in schema public grant select on tables to anon;
