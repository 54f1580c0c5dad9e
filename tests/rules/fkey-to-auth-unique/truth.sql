-- One row per foreign key to a unique key of an `auth` table that is not its primary key
-- (splinter 0021).
select c.conrelid::regclass, c.conname
  from pg_catalog.pg_constraint c
  join pg_catalog.pg_class referenced on referenced.oid = c.confrelid
  join pg_catalog.pg_index i on i.indexrelid = c.conindid
 where c.contype = 'f'
   and referenced.relnamespace = 'auth'::regnamespace
   and i.indisunique
   and not i.indisprimary;
