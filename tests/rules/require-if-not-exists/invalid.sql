create table public.notes (id bigint primary key); -- expect: require-if-not-exists
CREATE UNIQUE INDEX CONCURRENTLY notes_id_idx ON public.notes (id); -- expect: require-if-not-exists
create schema private; -- expect: require-if-not-exists
create extension pg_trgm with schema extensions; -- expect: require-if-not-exists
create sequence public.counter; -- expect: require-if-not-exists
create materialized view public.stats as select 1; -- expect: require-if-not-exists
alter table public.notes add column body text; -- expect: require-if-not-exists
alter type public.status add value 'archived'; -- expect: require-if-not-exists
create index on public.notes (id); -- expect: require-if-not-exists
