drop index concurrently if exists public.orders_customer_id_idx;
create index if not exists scratch_idx on public.orders (id);
drop index scratch_idx;
