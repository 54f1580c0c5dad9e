-- An unnamed constraint cannot be dropped or found by name: re-adding it fails (primary
-- key) or silently adds a copy. There is no fix; it must be named first.
create table if not exists public.notes (id bigint, title text);
alter table public.notes add primary key (id); -- expect: drop-before-create
alter table public.notes add check (title <> ''); -- expect: drop-before-create
create unique index if not exists notes_title_idx on public.notes (title);
alter table public.notes add constraint notes_title_key unique using index notes_title_idx; -- expect: drop-before-create
