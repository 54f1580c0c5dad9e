set lock_timeout = 0;
create index if not exists orders_note_idx on public.orders (note); -- expect: require-lock-timeout
