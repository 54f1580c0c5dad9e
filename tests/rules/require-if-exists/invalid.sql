-- Every drop below fails once the object is gone; the fix adds IF EXISTS.
create table if not exists public.notes (
  id bigint primary key,
  title text,
  body text,
  constraint notes_title_check check (title <> '')
);
drop view public.notes_view; -- expect: require-if-exists
drop materialized view public.note_stats; -- expect: require-if-exists
drop index notes_body_idx; -- expect: require-if-exists
DROP INDEX public.notes_title_idx; -- expect: require-if-exists
drop sequence public.counter; -- expect: require-if-exists
drop function public.touch(); -- expect: require-if-exists
drop procedure public.cleanup(bigint); -- expect: require-if-exists
DROP TRIGGER notes_touch ON public.notes; -- expect: require-if-exists
drop policy "Notes are public" on public.notes; -- expect: require-if-exists
drop type public.note_status; -- expect: require-if-exists
drop domain public.short_text; -- expect: require-if-exists
drop table public.old_notes, public.older_notes cascade; -- expect: require-if-exists
drop schema legacy; -- expect: require-if-exists
drop extension pg_trgm; -- expect: require-if-exists
alter table public.notes drop column body; -- expect: require-if-exists
alter table public.notes drop constraint notes_title_check; -- expect: require-if-exists
alter table public.notes
  drop title, -- expect: require-if-exists
  drop column if exists legacy_title;
do $$
begin
  drop table public.scratch; -- expect: require-if-exists
end $$;
