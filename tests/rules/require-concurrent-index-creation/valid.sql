create index concurrently if not exists orders_customer_id_idx on public.orders (customer_id);
create table if not exists public.fresh (id bigint primary key, n int);
create index if not exists fresh_n_idx on public.fresh (n);
