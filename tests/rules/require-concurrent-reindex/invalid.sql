reindex index public.orders_customer_id_idx; -- expect: require-concurrent-reindex
REINDEX (VERBOSE) TABLE public.orders; -- expect: require-concurrent-reindex
