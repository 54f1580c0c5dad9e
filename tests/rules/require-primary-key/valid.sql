create table public.page_views (
  id bigint generated always as identity primary key,
  path text not null
);
create table public.settings (key text not null, value jsonb, constraint settings_pkey primary key (key));

-- A primary key added by ALTER TABLE.
create table public.daily_totals as select current_date as day, 0 as total;
alter table public.daily_totals add primary key (day);

-- A primary key made from an existing unique index, as `supabase db diff` writes it.
create table public.events (id uuid not null);
create unique index events_pkey on public.events (id);
alter table public.events add constraint events_pkey primary key using index events_pkey;

-- A partitioned table with its key, and a partition, which gets the parent's key.
create table public.measurements (id bigint not null, taken_at date not null, primary key (id, taken_at))
  partition by range (taken_at);
create table public.measurements_2024 partition of public.measurements
  for values from ('2024-01-01') to ('2025-01-01');

-- Not in an exposed schema.
create schema if not exists private;
create table private.log (line text);

-- Dropped further down.
create table public.scratch (x int);
drop table public.scratch;
