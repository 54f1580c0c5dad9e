create table public.page_views (path text not null, viewed_at timestamptz not null); -- expect: require-primary-key

-- A unique constraint is not a primary key.
create table public.settings (key text not null unique, value jsonb); -- expect: require-primary-key

-- Built from a query.
create table public.daily_totals as select current_date as day, 0 as total; -- expect: require-primary-key

-- Its primary key is dropped further down.
create table public.tags (id bigint primary key, name text); -- expect: require-primary-key
alter table public.tags drop constraint tags_pkey;

-- A partition of a table without a primary key.
create table public.readings (taken_at date not null, value numeric) partition by range (taken_at);
create table public.readings_2024 partition of public.readings -- expect: require-primary-key
  for values from ('2024-01-01') to ('2025-01-01');
