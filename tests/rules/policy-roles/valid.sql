create policy notes_read on public.notes for select to authenticated
  using ((select auth.uid()) = user_id);
create policy notes_public on public.notes for select to anon, authenticated using (is_public);
create policy notes_update on public.notes for update using ((select auth.uid()) = user_id);
alter policy notes_update on public.notes to authenticated;
