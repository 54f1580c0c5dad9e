alter table public.notes add constraint notes_owner_not_null check (owner_id is not null) not valid;
