-- Each CREATE below fails on a second run; the fix adds OR REPLACE or drops the trigger first.
create table if not exists public.notes (id bigint primary key, updated_at timestamptz);

create function public.touch() returns trigger language plpgsql as $$ -- expect: require-or-replace
begin
  new.updated_at = now();
  return new;
end $$;

CREATE PROCEDURE public.cleanup() LANGUAGE sql AS $$ select 1 $$; -- expect: require-or-replace

create view public.note_ids as select id from public.notes; -- expect: require-or-replace

create recursive view public.counter (n) as -- expect: require-or-replace
  select 1 union all select n + 1 from counter where n < 3;

create trigger notes_touch before update on public.notes -- expect: require-or-replace
  for each row execute function public.touch();

  CREATE CONSTRAINT TRIGGER notes_check -- expect: require-or-replace
    AFTER INSERT ON public.notes DEFERRABLE
    FOR EACH ROW EXECUTE FUNCTION public.touch();

-- A drop of another trigger, or of this one on another table, does not count.
drop trigger if exists notes_other on public.notes;
create table if not exists public.tags (id bigint primary key, updated_at timestamptz);
drop trigger if exists tags_touch on public.tags;
create trigger tags_touch before update on public.notes for each row execute function public.touch(); -- expect: require-or-replace

do $$
begin
  create trigger notes_touch_nested before insert on public.notes -- expect: require-or-replace
    for each row execute function public.touch();
end $$;
