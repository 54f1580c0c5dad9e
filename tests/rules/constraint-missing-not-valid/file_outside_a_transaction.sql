-- postgres-migrations disable-transaction
alter table public.notes add constraint notes_body_check check (body <> '') not valid;
alter table public.notes validate constraint notes_body_check;
