alter table public.orders add column if not exists placed_at timestamptz;
create index concurrently if not exists orders_placed_at_idx on public.orders (placed_at); -- expect: ban-concurrent-index-creation-in-transaction
drop index concurrently if exists public.orders_old_idx; -- expect: ban-concurrent-index-creation-in-transaction
reindex index concurrently public.orders_customer_idx; -- expect: ban-concurrent-index-creation-in-transaction
alter table public.events detach partition public.events_2023 concurrently; -- expect: ban-concurrent-index-creation-in-transaction
