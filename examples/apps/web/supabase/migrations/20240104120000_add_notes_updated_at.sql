-- Migration: add public.notes.updated_at
-- The column is kept current by a trigger, so clients cannot forget it.

alter table public.notes add column if not exists updated_at timestamptz not null default now();

create or replace function public.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

revoke execute on function public.touch_updated_at() from public, anon, authenticated;

drop trigger if exists notes_touch_updated_at on public.notes;
create trigger notes_touch_updated_at
    before update on public.notes
    for each row
    execute function public.touch_updated_at();
