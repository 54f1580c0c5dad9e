alter table public.notes add constraint notes_title_length check (char_length(title) <= 200) not valid;
