alter table public.orders alter column total type numeric(12, 2); -- expect: changing-column-type
alter table public.orders alter column id set data type bigint; -- expect: changing-column-type
alter table public.orders alter column note type text; -- expect: changing-column-type
