-- One row per ordinary table in `public` without a primary key (splinter 0004).
select c.oid::regclass
  from pg_catalog.pg_class c
 where c.relkind = 'r'
   and c.relnamespace = 'public'::regnamespace
   and not exists (
       select from pg_catalog.pg_index i where i.indrelid = c.oid and i.indisprimary
   );
