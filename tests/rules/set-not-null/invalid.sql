alter table public.notes alter column owner_id set not null; -- expect: set-not-null
alter table notes alter owner_id set not null, alter column body set not null; -- expect: set-not-null
