create policy notes_own on public.notes for select to authenticated using (user_id = (select auth.uid()));
