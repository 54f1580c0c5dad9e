create table if not exists public.t (id int, begin atomic x int);
grant all on public.t to anon;
