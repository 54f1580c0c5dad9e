create table if not exists public.fresh (id bigint primary key, nme text);
alter table public.fresh rename column nme to name;
alter table public.profiles rename constraint profiles_a_check to profiles_b_check;
alter table public.profiles rename to people;
