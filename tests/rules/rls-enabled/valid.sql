create table public.notes (id bigint primary key);
alter table public.notes enable row level security;
-- Not exposed through the Data API.
create table private.secrets (id bigint);
create temp table scratch (id int);
-- Dropped later: nothing is left to protect.
create table public.dropped (id bigint);
drop table public.dropped;
-- Renamed, then given RLS under its new name.
create table public.renamed_before (id bigint);
alter table public.renamed_before rename to renamed_after;
alter table public.renamed_after enable row level security;
do $$
begin
  create table if not exists public.in_do (id int);
  alter table public.in_do enable row level security;
end $$;
