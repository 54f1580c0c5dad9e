-- Each statement here can run twice.
create table if not exists public.notes (id bigint primary key, updated_at timestamptz);

create or replace function public.touch() returns trigger language plpgsql as $$
begin
  new.updated_at = now();
  return new;
end $$;

create or replace procedure public.cleanup() language sql as $$ select 1 $$;
create or replace view public.note_ids as select id from public.notes;

drop trigger if exists notes_touch on public.notes;
create trigger notes_touch before update on public.notes
  for each row execute function public.touch();

drop trigger if exists notes_touch_insert on notes;
create trigger notes_touch_insert before insert on public.notes
  for each row execute function public.touch();

create or replace trigger notes_touch_again before update on public.notes
  for each row execute function public.touch();

do $$
begin
  if not exists (select 1 from pg_trigger where tgname = 'notes_touch_guarded') then
    create trigger notes_touch_guarded before update on public.notes
      for each row execute function public.touch();
  end if;
end $$;

-- Not this rule's objects: a materialized view, an event trigger.
create materialized view if not exists public.note_count as select count(*) from public.notes;
