alter policy notes_shared on public.notes to anon;
