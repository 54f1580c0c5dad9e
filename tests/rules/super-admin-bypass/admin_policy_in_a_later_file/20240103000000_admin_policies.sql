create policy notes_admin on public.notes for all to authenticated using ((select public.is_super_admin()));
