create table if not exists public.fresh (id bigint primary key);
alter table public.fresh add column if not exists note text;
set lock_timeout = '5s';
alter table public.orders add column if not exists note text;
create index if not exists orders_note_idx on public.orders (note);
