create table if not exists public.fresh (id bigint primary key);
