-- Each statement here can run twice.
create table if not exists public.notes (id bigint primary key, title text);
drop view if exists public.notes_view;
drop index if exists public.notes_title_idx;
drop trigger if exists notes_touch on public.notes;
drop policy if exists "Notes are public" on public.notes;
drop table if exists public.old_notes;
alter table public.notes drop column if exists body;
alter table public.notes drop constraint if exists notes_title_check;
alter table if exists public.notes drop column if exists legacy;

-- Dropping what this file made earlier: every run makes it again first.
create or replace function public.backfill_notes() returns void language sql as $$ select $$;
select public.backfill_notes();
drop function public.backfill_notes();
alter table public.notes add column if not exists scratch text;
alter table public.notes drop column scratch;
alter table public.notes add constraint notes_scratch_check check (true);
alter table public.notes drop constraint notes_scratch_check;
create table if not exists public.import_buffer (line text);
drop table public.import_buffer;

-- The enum swap: the old type is renamed away, replaced, then dropped.
do $$ begin
  create type public.note_status as enum ('draft');
exception when duplicate_object then null;
end $$;
alter type public.note_status rename to note_status__old;
create type public.note_status as enum ('draft', 'published');
drop type public.note_status__old;

-- A guarded drop inside a DO block.
do $$
begin
  if exists (select 1 from pg_tables where schemaname = 'public' and tablename = 'legacy') then
    drop table public.legacy;
  end if;
end $$;
