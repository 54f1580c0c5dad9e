create table if not exists public.fresh (id bigint primary key, owner_id uuid);
alter table public.fresh alter column owner_id set not null;
alter table public.notes alter column owner_id drop not null;
