create table if not exists public.events (id bigint primary key);
create index if not exists events_id_idx on public.events (id);
create policy "read events" on public.events for select to authenticated using (true);
create temp table scratch (id bigint);
create schema if not exists app;
create extension if not exists pg_trgm with schema extensions;
drop index if exists events_id_idx;
alter table public.events add constraint events_id_check check (id > 0) not valid;
