create table public.orders (id bigint primary key, customer_id uuid, amount numeric);
alter table public.orders enable row level security;

create materialized view public.order_totals as
  select customer_id, sum(amount) as total from public.orders group by customer_id;
revoke select on public.order_totals from anon, authenticated;

-- Not in an exposed schema.
create schema if not exists private;
create materialized view private.order_counts as select count(*) as orders from public.orders;

-- Dropped further down.
create materialized view public.order_max as select max(amount) as amount from public.orders;
drop materialized view public.order_max;

-- Supabase's default grants revoked before it is created.
alter default privileges in schema public revoke select on tables from anon, authenticated;
create materialized view public.order_min as select min(amount) as amount from public.orders;
