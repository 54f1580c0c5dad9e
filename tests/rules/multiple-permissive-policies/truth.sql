-- The problem: for one role and command, Postgres keeps more than one permissive policy on
-- a table of the project, and OR-s them on every query (read from pg_policies, as the
-- database keeps them).
select p.tablename || ' ' || r.role || ' ' || c.cmd
from pg_policies p
cross join (values ('anon'), ('authenticated')) as r (role)
cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE')) as c (cmd)
where p.schemaname = 'public'
  and p.permissive = 'PERMISSIVE'
  and (p.cmd = c.cmd or p.cmd = 'ALL')
  and (r.role = any (p.roles) or 'public' = any (p.roles))
group by p.tablename, r.role, c.cmd
having count(*) > 1;
