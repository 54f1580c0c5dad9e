create table public.orders (id bigint primary key, customer_id uuid, amount numeric);
alter table public.orders enable row level security;
create materialized view public.order_totals as
  select customer_id, sum(amount) as total from public.orders group by customer_id;
