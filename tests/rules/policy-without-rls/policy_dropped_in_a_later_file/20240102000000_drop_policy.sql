drop policy if exists notes_own on public.notes;
