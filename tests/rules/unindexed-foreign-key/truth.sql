-- One row per foreign key of a table in `public` that no index starts with (splinter 0001).
select c.conrelid::regclass, c.conname
  from pg_catalog.pg_constraint c
  join pg_catalog.pg_class t on t.oid = c.conrelid
 where c.contype = 'f'
   and t.relnamespace = 'public'::regnamespace
   and not exists (
       select from pg_catalog.pg_index i
        where i.indrelid = c.conrelid
          and (string_to_array(i.indkey::text, ' ')::smallint[])[1:array_length(c.conkey, 1)] = c.conkey
   );
