vacuum public.events;
vacuum (analyze, full false) public.orders;
analyze public.events;
