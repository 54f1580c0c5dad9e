-- One row per materialized view in `public` that `anon` or `authenticated` can select (splinter 0016).
select c.oid::regclass
  from pg_catalog.pg_class c
 where c.relkind = 'm'
   and c.relnamespace = 'public'::regnamespace
   and (pg_catalog.has_table_privilege('anon', c.oid, 'SELECT')
        or pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT'));
