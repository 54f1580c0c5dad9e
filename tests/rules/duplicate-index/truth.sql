-- One row per index of a table outside Supabase's schemas whose definition, name aside,
-- an older index of the table already has (splinter 0009).
select indexrelid::regclass
  from (
      select i.indexrelid,
             row_number() over (
                 partition by i.indrelid,
                              regexp_replace(pg_catalog.pg_get_indexdef(i.indexrelid), '^(CREATE (UNIQUE )?INDEX )\S+ ON', '\1ON')
                 order by i.indexrelid
             ) as copy
        from pg_catalog.pg_index i
        join pg_catalog.pg_class t on t.oid = i.indrelid
       where t.relkind = 'r'
         and t.relnamespace::regnamespace::text not in (
             'auth', 'storage', 'extensions', 'realtime', 'vault', 'graphql', 'graphql_public',
             'pg_catalog', 'information_schema', 'pg_toast'
         )
  ) as indexes
 where copy > 1;
