create table if not exists public.fresh (id int primary key);
alter table public.fresh alter column id type bigint;
