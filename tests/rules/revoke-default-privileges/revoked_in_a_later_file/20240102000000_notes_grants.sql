revoke all on table public.notes from anon, authenticated, service_role;
grant select on table public.notes to authenticated;
