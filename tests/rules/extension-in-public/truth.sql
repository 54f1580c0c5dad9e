-- One row per extension installed in `public` (splinter 0014).
select extname
  from pg_catalog.pg_extension
 where extnamespace = 'public'::regnamespace
   and extname <> 'plpgsql';
