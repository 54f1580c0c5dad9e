-- Each statement here can run twice.
create table if not exists public.notes (id bigint primary key, title text, slug text);

drop policy if exists "Notes are readable" on public.notes;
create policy "Notes are readable" on public.notes for select to authenticated using (true);
drop policy if exists notes_insert on notes;
create policy notes_insert on public.notes for insert to authenticated with check (true);

do $$ begin
  create type public.note_status as enum ('draft', 'published');
exception when duplicate_object then null;
end $$;

do $$
begin
  if not exists (select 1 from pg_type where typname = 'note_kind') then
    create type public.note_kind as enum ('text', 'list');
  end if;
end $$;

drop domain if exists public.short_text;
create domain public.short_text as text check (char_length(value) < 100);

drop publication if exists notes_pub;
create publication notes_pub for table public.notes;

alter table public.notes drop constraint if exists notes_title_check;
alter table public.notes add constraint notes_title_check check (title <> '');
alter table public.notes
  drop constraint if exists notes_slug_key,
  add constraint notes_slug_key unique (slug);

do $$ begin
  alter table public.notes add constraint notes_slug_check check (slug <> '');
exception when duplicate_object then null;
end $$;

-- The enum swap: renaming the old type away frees its name on every run.
alter type public.note_status rename to note_status__old;
create type public.note_status as enum ('draft', 'published', 'archived');
drop type if exists public.note_status__old;
