alter table public.notes validate constraint notes_owner_not_null;
alter table public.notes validate constraint notes_body_not_null;
