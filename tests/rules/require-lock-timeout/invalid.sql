alter table public.orders add column if not exists note text; -- expect: require-lock-timeout
alter table public.orders add column if not exists note2 text;
