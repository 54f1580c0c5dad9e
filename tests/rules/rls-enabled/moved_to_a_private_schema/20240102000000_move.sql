-- The Data API does not serve `private`: the table no longer needs row-level security.
create schema if not exists private;
alter table public.jobs set schema private;
-- Renamed: the finding names the table as it ends up.
alter table public.notes rename to memos;
