drop index if exists public.orders_customer_id_idx; -- expect: require-concurrent-index-deletion
DROP INDEX a_idx, b_idx; -- expect: require-concurrent-index-deletion
