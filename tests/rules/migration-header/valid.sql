-- Let users pin notes to the top of their list.
alter table public.notes add column if not exists pinned boolean not null default false;
