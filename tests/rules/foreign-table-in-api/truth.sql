-- One row per foreign table in `public` that `anon` or `authenticated` can select (splinter 0017).
select c.oid::regclass
  from pg_catalog.pg_class c
 where c.relkind = 'f'
   and c.relnamespace = 'public'::regnamespace
   and (pg_catalog.has_table_privilege('anon', c.oid, 'SELECT')
        or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT'));
