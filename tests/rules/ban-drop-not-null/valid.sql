alter table public.orders alter column customer_id set not null;
alter table public.orders alter column status drop default;
create table if not exists public.fresh (id bigint primary key, note text not null);
alter table public.fresh alter column note drop not null;
