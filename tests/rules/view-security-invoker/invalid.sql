create view public.v1 as select 1 as x; -- expect: view-security-invoker
create or replace view public.v2 (x) as select 1; -- expect: view-security-invoker
create view public.v3 with (security_barrier) as select 1 as x; -- expect: view-security-invoker
CREATE VIEW public.v4 WITH (security_invoker = false) AS SELECT 1 AS x; -- expect: view-security-invoker
create view public.v5 with (security_invoker = true) as select 1 as x;
-- CREATE OR REPLACE VIEW resets the options.
create or replace view public.v5 as select 1 as x; -- expect: view-security-invoker
create view public.v6 as select 1 as x; -- expect: view-security-invoker
alter view public.v6 set (security_invoker = true);
alter view public.v6 reset (security_invoker);
