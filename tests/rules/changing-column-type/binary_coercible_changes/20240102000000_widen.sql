alter table public.items alter column name type text;
alter table public.items alter column note type varchar(200);
alter table public.items alter column code type varchar;
alter table public.items alter column price type numeric(12, 2);
alter table public.items alter column note type varchar(10); -- expect: changing-column-type
alter table public.items alter column price type numeric(12, 4); -- expect: changing-column-type
alter table public.items alter column qty type bigint; -- expect: changing-column-type
