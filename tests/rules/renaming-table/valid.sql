create table if not exists public.fresh (id bigint primary key);
alter table public.fresh rename to fresher;
alter table public.todos rename column title to name;
