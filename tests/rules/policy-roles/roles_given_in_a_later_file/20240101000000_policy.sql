create policy notes_read on public.notes for select using ((select auth.uid()) = user_id);
