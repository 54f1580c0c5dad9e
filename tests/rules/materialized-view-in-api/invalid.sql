create table public.orders (id bigint primary key, customer_id uuid, amount numeric);
alter table public.orders enable row level security;

create materialized view public.order_totals as -- expect: materialized-view-in-api
  select customer_id, sum(amount) as total from public.orders group by customer_id;

-- Revoked, then granted back to one role.
create materialized view public.order_counts as select count(*) as orders from public.orders;
revoke all on public.order_counts from anon, authenticated;
grant select on public.order_counts to authenticated; -- expect: materialized-view-in-api

-- Granted to every role through PUBLIC.
create materialized view public.order_max as select max(amount) as amount from public.orders;
revoke all on public.order_max from anon, authenticated;
grant select on public.order_max to public; -- expect: materialized-view-in-api
