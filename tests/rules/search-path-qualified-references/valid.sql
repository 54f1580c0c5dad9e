create or replace function public.a() returns bigint language plpgsql set search_path = ''
as $$
declare
  n bigint;
begin
  with recent as (select * from public.notes) select count(*) into n from recent;
  create temp table scratch (id int);
  insert into scratch values (1);
  return (select count(*) from pg_class) + extract(epoch from now())::bigint + coalesce(length('x'), 0);
end $$;
create function public.b() returns bigint language sql set search_path = pg_catalog, pg_temp as $$ select count(*) from public.notes $$;
-- Without an empty search_path, unqualified names resolve.
create function public.c() returns bigint language plpgsql as $$ begin return (select count(*) from notes); end $$;
create function public.d() returns uuid language sql set search_path = '' as $$ select gen_random_uuid() $$;
create function public.e(x int) returns boolean language sql set search_path = '' as $$ select x is distinct from 1 $$;
-- SQL-standard bodies bind their names at creation, under the session's search_path.
create function public.f() returns bigint language sql set search_path = '' begin atomic select count(*) from notes; end;
create function public.g() returns bigint language sql set search_path = '' return (select count(*) from notes);
