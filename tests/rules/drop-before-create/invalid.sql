-- None of these has IF NOT EXISTS; each fails on a second run until it is dropped or guarded.
create table if not exists public.owners (id bigint primary key);
create table if not exists public.notes (
  id bigint primary key,
  owner_id bigint,
  title text,
  slug text,
  during tstzrange
);
create table if not exists public.tags (name text not null);

create policy "Notes are readable" on public.notes -- expect: drop-before-create
  for select to authenticated using (true);
  CREATE POLICY notes_insert ON public.notes FOR INSERT TO authenticated WITH CHECK (true); -- expect: drop-before-create
create policy "Owners are readable" on owners for select using (true); -- expect: drop-before-create

create type public.note_status as enum ('draft', 'published'); -- expect: drop-before-create
create type public.note_point as (x int, y int); -- expect: drop-before-create
create domain public.short_text as text check (char_length(value) < 100); -- expect: drop-before-create
create publication notes_pub for table public.notes; -- expect: drop-before-create

alter table public.notes add constraint notes_title_check check (title <> ''); -- expect: drop-before-create
alter table public.notes add constraint notes_owner_fkey -- expect: drop-before-create
  foreign key (owner_id) references public.owners (id);
alter table public.notes add constraint notes_slug_key unique (slug); -- expect: drop-before-create
alter table public.notes add constraint notes_during_excl exclude using gist (during with &&); -- expect: drop-before-create
ALTER TABLE public.tags ADD CONSTRAINT tags_pkey PRIMARY KEY (name); -- expect: drop-before-create
alter table public.notes
  add constraint notes_title_length check (char_length(title) < 200), -- expect: drop-before-create
  add constraint notes_slug_length check (char_length(slug) < 50); -- expect: drop-before-create
alter table public.notes add constraint notes_dollar_check check (title <> $$x$$); -- expect: drop-before-create

-- A drop of another policy or of the same name on another table does not count.
drop policy if exists "Notes are writable" on public.notes;
drop policy if exists "Tags are readable" on public.owners;
create policy "Tags are readable" on public.tags for select using (true); -- expect: drop-before-create

do $$
begin
  create type public.tag_color as enum ('red', 'blue'); -- expect: drop-before-create
  alter table public.tags add constraint tags_name_check check (name <> ''); -- expect: drop-before-create
end $$;
