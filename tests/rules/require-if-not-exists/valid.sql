create table if not exists public.notes (id bigint primary key);
create index if not exists notes_id_idx on public.notes (id);
alter table public.notes add column if not exists body text;
alter type public.status add value if not exists 'archived';
do $$
begin
  if not exists (select 1 from pg_type where typname = 'x') then
    create table public.guarded (id bigint);
  end if;
end $$;
create view public.v as select 1;
