create policy notes_read on public.notes for select to authenticated using ((select auth.uid()) = user_id);
