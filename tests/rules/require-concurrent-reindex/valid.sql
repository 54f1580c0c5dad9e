reindex index concurrently public.orders_customer_id_idx;
reindex (concurrently, verbose) table public.orders;
