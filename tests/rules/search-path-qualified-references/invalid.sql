create table public.notes (id bigint, user_id uuid);
create function public.helper() returns int language sql set search_path = '' as $$ select 1 $$;
create or replace function public.count_notes() returns bigint language plpgsql set search_path = ''
as $$
declare
  r notes%rowtype; -- expect: search-path-qualified-references
  n bigint;
begin
  select count(*) into n from notes; -- expect: search-path-qualified-references
  insert into audit_log (msg) values ('counted'); -- expect: search-path-qualified-references
  update notes set id = 1 where id = 0; -- expect: search-path-qualified-references
  perform helper(); -- expect: search-path-qualified-references
  return (select count(*) from public.notes n2 join lateral unnest(array[1]) u on true);
end $$;
create function public.sql_count() returns bigint language sql set search_path = '' as $$ select count(*) from notes $$; -- expect: search-path-qualified-references
create extension if not exists "uuid-ossp" with schema extensions;
create function public.new_id() returns uuid language sql set search_path = '' as $$ select uuid_generate_v4() $$; -- expect: search-path-qualified-references
