vacuum full public.events; -- expect: prefer-repack
VACUUM (FULL, ANALYZE) public.orders; -- expect: prefer-repack
cluster public.events using events_created_idx; -- expect: prefer-repack
