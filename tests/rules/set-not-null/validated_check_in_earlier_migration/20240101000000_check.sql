alter table public.notes add constraint notes_owner_not_null check (owner_id is not null) not valid;
alter table public.notes add constraint notes_body_not_null check (body is not null and owner_id > 0) not valid;
