alter table public.notes add column if not exists pinned boolean not null default false; -- expect: migration-header
