alter table public.notes alter column owner_id set not null; -- expect: set-not-null
