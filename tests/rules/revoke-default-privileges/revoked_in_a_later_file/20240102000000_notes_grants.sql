revoke all on table public.notes from anon, authenticated;
grant select on table public.notes to authenticated;
