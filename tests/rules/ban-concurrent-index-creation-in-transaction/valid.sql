-- The only statements of this file, as the Supabase CLI needs them.
set lock_timeout = '5s';
create unique index concurrently if not exists orders_number_key on public.orders (number);
drop index concurrently if exists public.orders_old_idx;
