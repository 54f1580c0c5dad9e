savepoint before_backfill;
update public.notes set archived = false where archived is null;
release savepoint before_backfill;
do $$
begin
  create table if not exists public.guarded (id bigint primary key);
end $$;
create or replace function public.f() returns int language sql begin atomic select 1; end;
