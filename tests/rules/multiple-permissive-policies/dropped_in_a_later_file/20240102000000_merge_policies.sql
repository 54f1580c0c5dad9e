drop policy if exists notes_own on public.notes;
drop policy if exists notes_shared on public.notes;
create policy notes_read on public.notes for select to authenticated using (user_id = (select auth.uid()) or is_shared);
