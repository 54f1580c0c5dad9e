-- `IF EXISTS` goes after `CONCURRENTLY`. (Not applied to PostgreSQL by the tests:
-- `CONCURRENTLY` cannot run inside the transaction a migration runs in.)
drop index concurrently public.notes_title_idx; -- expect: require-if-exists
DROP INDEX CONCURRENTLY IF EXISTS public.notes_body_idx;
