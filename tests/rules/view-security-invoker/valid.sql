create view public.a with (security_invoker = true) as select 1 as x;
create view public.b with (security_invoker) as select 1 as x;
create view public.c as select 1 as x;
alter view public.c set (security_invoker = true);
create view public.d with ("security_invoker"='on') as select 1 as x;
create view private.internal as select 1 as x;
-- Materialized views cannot take the option.
create materialized view public.m as select 1 as x;
create view public.e as select 1 as x;
drop view public.e;
