alter table public.notes validate constraint notes_title_length;
